using Serilog.Core;

namespace Gatewayz.Logging.Context;

/// <summary>
/// The MEL providers that read scopes as enrichers: this library's own, and those found in the app's
/// hosts (<see cref="HostScopeProviders"/>). MEL keeps its scopes in the logger factory's own
/// async-local scope provider, not in LogContext; replaying a throw site therefore also asks each
/// provider to enrich, inside the throw site's execution context. Held weakly; each provider once.
/// </summary>
static class MelScopeProviders
{
    static readonly object Gate = new();
    static WeakReference<ILogEventEnricher>[] s_sources = [];

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
}
