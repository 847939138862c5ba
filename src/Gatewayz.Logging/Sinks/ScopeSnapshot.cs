using System.Reflection;
using Sentry;
using Serilog.Debugging;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// Copies the current Sentry scope on the logging thread, so that the event sent later from the
/// background carries the request, user, breadcrumbs and trace of the moment it was logged.
/// </summary>
static class ScopeSnapshot
{
    /// <summary>
    /// The SDK's <c>Scope.Evaluate()</c>, which runs the scope's <c>OnEvaluating</c> handlers once.
    /// Sentry.AspNetCore fills the request data there, from the <c>HttpContext</c>; the SDK calls it
    /// when it captures, which for the library is on the worker, after the request may have finished or
    /// while its own thread still uses the context. The member is internal, and no public one runs it
    /// without capturing: when a Sentry version lacks it, the copy is evaluated on the worker as before.
    /// </summary>
    static readonly Action<Scope>? Evaluate = FindEvaluate();

    /// <summary>
    /// A copy of the current scope that puts the event in the span active now, as the SDK's own
    /// capture on this thread would. The SDK keeps a scope's transaction per async flow, so a copy read
    /// on the worker has none: the span goes with the copy by reference, which the SDK uses while it is
    /// open; an exception is also bound to it (sampled spans only, as the SDK allows), which the SDK
    /// uses even after the span has finished. The copy is evaluated here, on the logging thread.
    /// </summary>
    public static Scope? Take(IHub hub, Exception? exception)
    {
        if (CurrentScope.Of(hub) is not { } current)
            return null;
        var snapshot = current.Clone();
        if (current.Span is { } span)
        {
            snapshot.Span = span;
            if (exception is not null)
                hub.BindException(exception, span);
        }
        Evaluate?.Invoke(snapshot);
        return snapshot;
    }

    static Action<Scope>? FindEvaluate()
    {
        try
        {
            var method = typeof(Scope).GetMethod("Evaluate", BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes);
            if (method is not null && method.ReturnType == typeof(void))
                return method.CreateDelegate<Action<Scope>>();
        }
        catch (Exception ex) when (ex is ArgumentException or MemberAccessException or NotSupportedException)
        {
            SelfLog.WriteLine("Gatewayz.Logging: cannot evaluate Sentry scopes on the logging thread ({0}); request data is read on the worker", ex.Message);
            return null;
        }
        SelfLog.WriteLine("Gatewayz.Logging: this Sentry version has no Scope.Evaluate(); request data is read on the worker");
        return null;
    }
}
