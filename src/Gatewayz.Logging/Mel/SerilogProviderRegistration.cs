using Gatewayz.Logging.Context;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gatewayz.Logging.Mel;

/// <summary>
/// Adds the Serilog logger as a Microsoft.Extensions.Logging provider (<see cref="MelLoggerProvider"/>)
/// with no catch-all rule of its own: such a rule, as Serilog's <c>AddSerilog()</c> registers, outranks
/// the app's <c>Logging:LogLevel</c> rules. The provider is also made known to the throw-site replay.
/// </summary>
static class SerilogProviderRegistration
{
    public static ILoggingBuilder AddSerilogRespectingFilters(this ILoggingBuilder builder, Serilog.ILogger logger, bool dispose)
    {
        builder.Services.AddSingleton<ILoggerProvider>(_ =>
        {
            var provider = new MelLoggerProvider(logger, dispose);
            MelScopeProviders.Register(provider);
            return provider;
        });
        return builder;
    }
}
