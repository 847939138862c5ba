using System.Reflection;
using Sentry;
using Serilog.Debugging;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// The non-public members of the Sentry SDK the library calls, found once, each with a fallback when
/// a Sentry version lacks it (said in SelfLog). <c>SentryCompatibilityTests</c> checks that each is
/// found on the oldest and the newest Sentry supported.
/// </summary>
static class SentryInternals
{
    /// <summary>
    /// <c>Scope.Evaluate()</c>, which runs the scope's <c>OnEvaluating</c> handlers once.
    /// Sentry.AspNetCore fills the request data there, from the <c>HttpContext</c>; the SDK calls it
    /// when it captures, which for the library is on the worker, after the request may have finished or
    /// while its own thread still uses the context. No public member runs it without capturing: without
    /// it, a scope copy is evaluated on the worker.
    /// </summary>
    public static readonly Action<Scope>? EvaluateScope = Find(
        static () => typeof(Scope).GetMethod("Evaluate", BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes) is { } method
            && method.ReturnType == typeof(void)
                ? method.CreateDelegate<Action<Scope>>()
                : null,
        "evaluate Sentry scopes on the logging thread", "request data is read on the worker");

    /// <summary>
    /// The <c>SentryEvent(Exception?, DateTimeOffset?, SentryId)</c> constructor, the only way to make an
    /// event with an id and timestamp decided earlier. Without it, events are made on the logging thread.
    /// </summary>
    public static readonly ConstructorInvoker? NewEventWithIdAndTimestamp = Find(
        static () => typeof(SentryEvent).GetConstructor(
            BindingFlags.Instance | BindingFlags.NonPublic, [typeof(Exception), typeof(DateTimeOffset?), typeof(SentryId)]) is { } constructor
                ? ConstructorInvoker.Create(constructor)
                : null,
        "make Sentry events on the worker", "events are made on the logging thread");

    static T? Find<T>(Func<T?> lookup, string purpose, string fallback) where T : class
    {
        try
        {
            if (lookup() is { } found)
                return found;
            SelfLog.WriteLine("Gatewayz.Logging: this Sentry version lacks the member the library uses to {0}; {1}", purpose, fallback);
        }
        catch (Exception ex) when (ex is ArgumentException or MemberAccessException or NotSupportedException)
        {
            SelfLog.WriteLine("Gatewayz.Logging: cannot {0} ({1}); {2}", purpose, ex.Message, fallback);
        }
        return null;
    }
}
