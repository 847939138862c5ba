using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Gatewayz.Logging.Context;
using Serilog.Extensions.Logging;

namespace Gatewayz.Logging.Hosting;

/// <summary>
/// Adds Serilog as a Microsoft.Extensions.Logging provider without the catch-all <c>Trace</c> rule
/// that <c>AddSerilog()</c> registers for it. That rule outranks every <c>Logging:LogLevel</c> rule
/// (MEL prefers provider-specific rules), so with it the app's MEL filters would be ignored. The
/// provider is also made known to the throw-site replay, which restores MEL scopes through it.
/// </summary>
static class SerilogProviderRegistration
{
    public static ILoggingBuilder AddSerilogRespectingFilters(this ILoggingBuilder builder, Serilog.ILogger logger, bool dispose)
    {
        builder.Services.AddSingleton<ILoggerProvider>(_ =>
        {
            var provider = new SerilogLoggerProvider(logger, dispose);
            MelScopeSources.Register(provider);
            return provider;
        });
        return builder;
    }
}
