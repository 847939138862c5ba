using System.Globalization;
using Sentry;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// Tells, on the first event sent after a suppressed stretch, how many events of its fingerprint
/// storm control held back and since when: the <c>storm_control</c> context.
/// </summary>
static class StormReport
{
    public const string ContextName = "storm_control";

    public static void AddTo(SentryEvent sentryEvent, StormVerdict verdict, TimeSpan window) =>
        sentryEvent.Contexts[ContextName] = new Dictionary<string, object>
        {
            ["suppressed"] = verdict.Suppressed,
            ["suppressed_since"] = verdict.SuppressedSince.ToString("O", CultureInfo.InvariantCulture),
            ["window_seconds"] = window.TotalSeconds,
        };
}
