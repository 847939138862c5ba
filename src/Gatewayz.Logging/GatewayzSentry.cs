using Gatewayz.Logging.Sinks;

namespace Gatewayz.Logging;

/// <summary>Process-wide operations on the Gatewayz Sentry sinks.</summary>
public static class GatewayzSentry
{
    /// <summary>
    /// Waits until the Sentry SDK every Gatewayz sink sends through has sent what it holds, or the
    /// timeout passes. Events are captured where they are logged, so this is the SDK's own flush, for
    /// each hub the sinks use (<c>SentrySdk.FlushAsync</c> covers the usual one). Disposal
    /// (<c>Log.CloseAndFlush()</c>, host shutdown) already flushes.
    /// </summary>
    /// <param name="timeout">The longest time to wait.</param>
    /// <returns>True when the SDK sent everything in time.</returns>
    /// <example>
    /// <code>
    /// logger.LogError(ex, "Nightly reconciliation failed");
    /// await GatewayzSentry.FlushAsync(TimeSpan.FromSeconds(5));
    /// </code>
    /// </example>
    public static Task<bool> FlushAsync(TimeSpan timeout) => LiveSinks.FlushAllAsync(timeout);
}
