using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Debugging;

namespace Gatewayz.Logging.Context;

/// <summary>
/// The MEL providers that read scopes as enrichers, held weakly, each once: MEL keeps its scopes in the
/// logger factory's own async-local scope provider, not in LogContext, so replaying a throw site also
/// asks each provider to enrich. Besides this library's own provider, those of the hosts built after
/// <see cref="Watch"/> (<see cref="HostBuiltListener"/>, remembered weakly) join at the first replay after
/// the build: Serilog.Extensions.Logging's (<c>AddSerilog()</c>) is never shown to this library otherwise.
/// Nothing runs on a throw; a logger factory made without a host is not seen.
/// </summary>
static class MelScopeProviders
{
    static readonly object Gate = new();
    static WeakReference<ILogEventEnricher>[] s_sources = [];
    static WeakReference<IHost>[] s_built = [];
    static int s_watching;

    public static void Register(ILogEventEnricher provider)
    {
        lock (Gate)
        {
            if (s_sources.Any(s => s.TryGetTarget(out var known) && ReferenceEquals(known, provider)))
                return;
            s_sources = s_sources
                .Where(s => s.TryGetTarget(out _))
                .Append(new WeakReference<ILogEventEnricher>(provider))
                .ToArray();
        }
    }

    public static IEnumerable<ILogEventEnricher> Live()
    {
        foreach (var source in Volatile.Read(ref s_sources))
        {
            if (source.TryGetTarget(out var provider))
                yield return provider;
        }
    }

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
                RegisterProvidersOf(live);
        }
    }

    static void RegisterProvidersOf(IHost host)
    {
        try
        {
            foreach (var provider in host.Services.GetServices<ILoggerProvider>())
            {
                if (provider is ILogEventEnricher scopes)
                    Register(scopes);
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
