using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Debugging;

namespace Gatewayz.Logging.Context;

/// <summary>
/// Finds the MEL providers of the app's hosts that read MEL scopes as enrichers. Serilog.Extensions.Logging's
/// provider, added with <c>ILoggingBuilder.AddSerilog()</c>, is given the logger factory's scope
/// provider and reads the scopes only when it enriches an event: it never puts them in LogContext, and
/// this library is never shown it. A .NET host announces each host it builds (<see cref="HostBuiltListener"/>);
/// the host is remembered weakly, and at the first replay of a throw site after that, its
/// <see cref="ILoggerProvider"/>s that are enrichers join <see cref="MelScopeProviders"/>. Nothing runs on a throw or for an event without an
/// exception. A host built before throw-site capture was enabled, and a logger factory made without a
/// host, are not seen.
/// </summary>
static class HostScopeProviders
{
    static readonly object Gate = new();
    static WeakReference<IHost>[] s_built = [];
    static int s_watching;

    /// <summary>Starts listening for hosts being built, for the life of the process; later calls do nothing.</summary>
    public static void Watch()
    {
        if (Interlocked.Exchange(ref s_watching, 1) == 0)
            HostBuiltListener.Subscribe(Remember);
    }

    /// <summary>Registers the enricher providers of the hosts built since the last call; one read when there are none.</summary>
    public static void RegisterBuiltHosts()
    {
        if (Volatile.Read(ref s_built).Length == 0)
            return;
        WeakReference<IHost>[] built;
        lock (Gate)
        {
            built = s_built;
            s_built = [];
        }
        foreach (var host in built)
        {
            if (host.TryGetTarget(out var live))
                Register(live);
        }
    }

    static void Register(IHost host)
    {
        try
        {
            foreach (var provider in host.Services.GetServices<ILoggerProvider>())
            {
                if (provider is ILogEventEnricher scopes)
                    MelScopeProviders.Register(scopes);
            }
        }
        catch (ObjectDisposedException)
        {
            // The host was disposed before it logged an exception: its scopes are gone with it.
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: the logger providers of a host could not be read; its MEL scopes are not restored at catch blocks: {0}", ex);
        }
    }

    static void Remember(IHost host)
    {
        lock (Gate)
            s_built = [.. s_built, new WeakReference<IHost>(host)];
    }
}
