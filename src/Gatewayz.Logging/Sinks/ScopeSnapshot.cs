using Sentry;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// Copies the current Sentry scope on the logging thread, so that the event sent later from the
/// background carries the request, user, breadcrumbs and trace of the moment it was logged.
/// </summary>
static class ScopeSnapshot
{
    /// <summary>
    /// A copy of the current scope that puts the event in the span active now, as the SDK's own
    /// capture on this thread would. The SDK keeps a scope's transaction per async flow, so a copy read
    /// on the worker has none: the span goes with the copy by reference, which the SDK uses while it is
    /// open; an exception is also bound to it (sampled spans only, as the SDK allows), which the SDK
    /// uses even after the span has finished. The copy is evaluated here, on the logging thread
    /// (<see cref="SentryInternals.EvaluateScope"/>).
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
        SentryInternals.EvaluateScope?.Invoke(snapshot);
        return snapshot;
    }
}
