using System.Runtime.CompilerServices;
using Sentry;
using Sentry.Extensibility;
using Serilog.Debugging;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// One failure, one event, and the library's. Sentry.AspNetCore's middleware captures the exception
/// an exception handler dealt with (<c>UseExceptionHandler</c>) after that handler has logged it; the
/// library captures the same exception from the log, on its worker. The SDK keeps whichever reaches it
/// first and, when both reach it at once, can keep both. So the library claims each exception it
/// queues, on the logging thread, and an exception filter in the options of an SDK the app
/// initialised through the host (<c>UseSentry</c>) drops any other capture of a claimed exception:
/// what Sentry receives is the library's event, with its tags and contexts, every time. Claims live
/// as long as their exceptions. Installed when a host is built (<see cref="Hosting.HostedSentry"/>);
/// until then, and with no such host, claiming costs nothing.
/// </summary>
sealed class ClaimedExceptions : IExceptionFilter
{
    static readonly ClaimedExceptions Filter = new();
    static readonly ConditionalWeakTable<Exception, object?> Claims = new();
    static readonly ConditionalWeakTable<SentryOptions, object?> Installed = new();
    static volatile bool s_active;

    [ThreadStatic]
    static bool t_capturingForLibrary;

    ClaimedExceptions()
    {
    }

    /// <summary>Adds the filter to the Sentry options registered in <paramref name="services"/>, if any, once.</summary>
    public static void InstallIn(IServiceProvider services)
    {
        try
        {
            if (services.GetService(typeof(SentryOptions)) is not SentryOptions options || !Installed.TryAdd(options, null))
                return;
            options.AddExceptionFilter(Filter);
            s_active = true;
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: could not keep Sentry's own captures of logged exceptions from duplicating the library's events: {0}", ex);
        }
    }

    /// <summary>Marks <paramref name="exception"/> as one the library has queued an event for.</summary>
    public static void Claim(Exception? exception)
    {
        if (s_active && exception is not null)
            Claims.AddOrUpdate(exception, null);
    }

    /// <summary>Runs <paramref name="capture"/> as the library's own capture, which the filter lets through.</summary>
    public static SentryId CaptureForLibrary<TState>(TState state, Func<TState, SentryId> capture)
    {
        t_capturingForLibrary = true;
        try
        {
            return capture(state);
        }
        finally
        {
            t_capturingForLibrary = false;
        }
    }

    bool IExceptionFilter.Filter(Exception ex) => !t_capturingForLibrary && Claims.TryGetValue(ex, out _);
}
