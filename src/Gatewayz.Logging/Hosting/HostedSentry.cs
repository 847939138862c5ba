using Gatewayz.Logging.Sinks;
using Microsoft.Extensions.Hosting;
using Sentry;
using Serilog.Debugging;

namespace Gatewayz.Logging.Hosting;

/// <summary>
/// Fits the library to a Sentry SDK the app set up through its host (<c>UseSentry()</c>), whichever
/// way it wires Serilog. For every host built (<see cref="HostsBuilt"/>):
/// <list type="bullet">
/// <item>Sentry's options get the <see cref="ClaimedExceptions"/> filter, so that an exception the
/// library has queued is not captured a second time by Sentry's middleware.</item>
/// <item>Sentry's hub is resolved from the container, which is when Sentry's DI integration
/// initialises the SDK. With <c>UseSerilog()</c> Sentry's logging provider is never built, and the
/// SDK would otherwise wait for the first request, after what the app logs at startup.</item>
/// <item>Once the host has started, an <c>ApplicationStopped</c> callback flushes every live sink
/// within what is left of its shutdown timeout. Sentry.AspNetCore closes the SDK in a callback it
/// registers as the host starts; callbacks run last-registered first, so the library's queue
/// reaches the SDK before it closes, whatever the app does with its logger afterwards.</item>
/// </list>
/// Listening starts with the first Gatewayz Sentry sink.
/// </summary>
static class HostedSentry
{
    static int s_listening;

    public static void Listen()
    {
        if (Interlocked.Exchange(ref s_listening, 1) == 0)
            HostsBuilt.Subscribe(OnBuilt);
    }

    static void OnBuilt(IHost host)
    {
        var services = host.Services;
        ClaimedExceptions.InstallIn(services);
        try
        {
            services.GetService(typeof(IHub));
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: resolving the app's Sentry hub failed: {0}", ex);
        }
        if (services.GetService(typeof(IHostApplicationLifetime)) is IHostApplicationLifetime lifetime)
            lifetime.ApplicationStarted.Register(static stopped => ((CancellationToken)stopped!).Register(FlushSinks), lifetime.ApplicationStopped);
    }

    static void FlushSinks()
    {
        try
        {
            LiveSinks.FlushForHostStopAsync().GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: flushing pending Sentry events as the host stopped failed: {0}", ex);
        }
    }
}
