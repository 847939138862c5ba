using System.Reflection;
using Microsoft.Extensions.Logging;
using Sentry;
using Serilog.Debugging;

namespace Gatewayz.Logging.Hosting;

/// <summary>
/// With Serilog wired by the app itself (<c>AddSerilog()</c>, <c>UseSerilog(writeToProviders: true)</c>)
/// beside <c>UseSentry()</c>, Sentry's own Microsoft.Extensions.Logging provider would send every
/// logged error a second time, before the library's event, which the SDK then drops as a duplicate
/// of the same exception: the app would get Sentry's plain event instead of the library's. When a
/// host is built (<see cref="HostsBuilt"/>), this gives
/// Sentry's options a log-entry filter that keeps every entry from that provider, through Sentry's
/// public <c>AddLogEntryFilter</c>. Listening starts with the first Gatewayz Sentry sink.
/// </summary>
static class SentryLoggerSilencer
{
    const string ExtensionsType = "Sentry.Extensions.Logging.SentryLoggingOptionsExtensions";

    static readonly Func<string, LogLevel, EventId, Exception?, bool> KeepEverythingOut = static (_, _, _, _) => true;
    static int s_listening;

    public static void Listen()
    {
        if (Interlocked.Exchange(ref s_listening, 1) == 0)
            HostsBuilt.Subscribe(host => Silence(host.Services));
    }

    /// <summary>Adds the filter to the Sentry options registered in <paramref name="services"/>, if any.</summary>
    public static void Silence(IServiceProvider services)
    {
        try
        {
            if (services.GetService(typeof(SentryOptions)) is not { } options || AddLogEntryFilter(options.GetType()) is not { } add)
                return;
            add.Invoke(null, [options, KeepEverythingOut]);
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: could not turn off Sentry's own logging provider: {0}", ex);
        }
    }

    /// <summary>Sentry's <c>AddLogEntryFilter</c> for these options: in Sentry.Extensions.Logging, where a base type of the options lives.</summary>
    static MethodInfo? AddLogEntryFilter(Type optionsType)
    {
        for (var type = optionsType; type is not null; type = type.BaseType)
        {
            var method = type.Assembly.GetType(ExtensionsType)?
                .GetMethods(BindingFlags.Public | BindingFlags.Static)
                .FirstOrDefault(m => m.Name == "AddLogEntryFilter"
                    && m.GetParameters() is [var target, var filter]
                    && target.ParameterType.IsAssignableFrom(optionsType)
                    && filter.ParameterType == KeepEverythingOut.GetType());
            if (method is not null)
                return method;
        }
        return null;
    }
}
