using Gatewayz.Logging.Sinks;

namespace Gatewayz.Logging;

/// <summary>Process-wide operations on the Gatewayz Sentry sinks.</summary>
public static class GatewayzSentry
{
    /// <summary>
    /// Waits until every event logged so far has left the background queue and the Sentry SDK has
    /// sent it, or the timeout passes. <c>SentrySdk.FlushAsync</c> alone does not see events still
    /// on their way to the SDK; call this before a short-lived process exits without disposing its
    /// logger. Disposal (<c>Log.CloseAndFlush()</c>, host shutdown) already flushes.
    /// </summary>
    /// <param name="timeout">The longest time to wait.</param>
    /// <returns>True when everything pending was handed to the SDK in time.</returns>
    /// <example>
    /// <code>
    /// logger.LogError(ex, "Nightly reconciliation failed");
    /// await GatewayzSentry.FlushAsync(TimeSpan.FromSeconds(5));
    /// </code>
    /// </example>
    public static Task<bool> FlushAsync(TimeSpan timeout) => LiveSinks.FlushAllAsync(timeout);
}
