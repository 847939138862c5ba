using Sentry;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// The hub's current scope, for the logging thread's hot path. <c>ConfigureScope</c> hands it to a
/// callback, which runs at once on the calling thread; the non-generic overload with one cached
/// callback costs neither an allocation nor the generic virtual dispatch of the state-passing one.
/// </summary>
static class CurrentScope
{
    [ThreadStatic]
    static Scope? t_scope;

    static readonly Action<Scope> Remember = static scope => t_scope = scope;

    /// <summary>The current scope of <paramref name="hub"/>, or null when it has none (a disabled hub).</summary>
    public static Scope? Of(IHub hub)
    {
        t_scope = null;
        hub.ConfigureScope(Remember);
        var scope = t_scope;
        t_scope = null;
        return scope;
    }
}
