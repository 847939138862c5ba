using System.Globalization;
using Sentry;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// The summary event sent when the capture queue had to drop events: how many, and why, so that a
/// loss shows up in Sentry itself rather than only in SelfLog.
/// </summary>
static class DroppedReport
{
    public static void Send(IHub hub, long dropped, int capacity)
    {
        if (!hub.IsEnabled)
            return;
        var evt = new SentryEvent
        {
            Level = SentryLevel.Warning,
            Logger = "Gatewayz.Logging",
            Message = new SentryMessage
            {
                Message = "Gatewayz.Logging dropped {dropped} events: the capture queue ({capacity}) was full",
                Formatted = $"Gatewayz.Logging dropped {dropped.ToString(CultureInfo.InvariantCulture)} events: the capture queue ({capacity.ToString(CultureInfo.InvariantCulture)}) was full",
            },
        };
        evt.SetTag("gatewayz.dropped", "true");
        evt.Contexts["gatewayz_queue"] = new Dictionary<string, object> { ["dropped"] = dropped, ["capacity"] = capacity };
        hub.CaptureEvent(evt, EventMarker.Create(), static _ => { });
    }
}
