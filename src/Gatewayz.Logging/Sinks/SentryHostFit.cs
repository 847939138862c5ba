using Gatewayz.Logging.Context;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sentry;
using Serilog.Debugging;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// Fits the library to a Sentry SDK the app set up through its host (<c>UseSentry()</c>), for every host
/// built (<see cref="HostBuiltListener"/>), from the first Gatewayz Sentry sink on: resolves Sentry's hub,
/// which is when Sentry's DI integration initialises the SDK (under <c>UseSerilog()</c> it would wait for
/// the first request); and where the host's MEL routes to Serilog's provider (<c>AddSerilog()</c>), turns
/// Sentry's own logging provider's events and breadcrumbs off (<see cref="SentryLoggerEventsOff"/>), which
/// would send each logged error and line a second time.
/// </summary>
static class SentryHostFit
{
    const string SerilogProvider = "Serilog.Extensions.Logging.SerilogLoggerProvider";

    static int s_listening;

    public static void Listen()
    {
        if (Interlocked.Exchange(ref s_listening, 1) == 0)
            HostBuiltListener.Subscribe(OnBuilt);
    }

    static void OnBuilt(IHost host)
    {
        var services = host.Services;
        if (RoutesToSerilog(services))
            SentryLoggerEventsOff.Apply(services.GetService(typeof(SentryOptions)));
        ResolveHub(services);
    }

    /// <summary>Resolves the app's Sentry hub, which is when Sentry's DI integration initialises the SDK; a failure goes to SelfLog.</summary>
    public static void ResolveHub(IServiceProvider services)
    {
        try
        {
            services.GetService(typeof(IHub));
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: resolving the app's Sentry hub failed: {0}", ex);
        }
    }

    /// <summary>True when the host's logging providers include Serilog's (Serilog.Extensions.Logging).</summary>
    static bool RoutesToSerilog(IServiceProvider services)
    {
        try
        {
            return services.GetService(typeof(IEnumerable<ILoggerProvider>)) is IEnumerable<ILoggerProvider> providers
                && providers.Any(p => p.GetType().FullName == SerilogProvider);
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: reading the app's logging providers failed: {0}", ex);
            return false;
        }
    }
}
