using Gatewayz.Logging.Sinks;
using Sentry.Extensibility;

namespace Gatewayz.Logging;

/// <summary>Operations on the Sentry SDK the Gatewayz sinks send through.</summary>
public static class GatewayzSentry
{
    /// <summary>
    /// Waits until the Sentry SDK has sent what it holds, or the timeout passes, whichever comes first:
    /// events are captured where they are logged, so this is the SDK's own flush, bounded by the
    /// timeout even when the SDK's own wait overruns it. A sink given its own hub is flushed by
    /// disposing it. Disposal (<c>Log.CloseAndFlush()</c>, host shutdown) already flushes.
    /// </summary>
    /// <param name="timeout">The longest time to wait.</param>
    /// <returns>True when the SDK sent everything in time, or no SDK runs.</returns>
    /// <example>
    /// <code>
    /// logger.LogError(ex, "Nightly reconciliation failed");
    /// await GatewayzSentry.FlushAsync(TimeSpan.FromSeconds(5));
    /// </code>
    /// </example>
    public static Task<bool> FlushAsync(TimeSpan timeout) => SdkOwnership.FlushAsync(HubAdapter.Instance, timeout);
}
