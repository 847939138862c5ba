namespace Gatewayz.Logging.Sinks;

/// <summary>
/// Whether an event is sent, and when it is the first sent after a suppressed stretch, how many of
/// its fingerprint were suppressed and since when.
/// </summary>
readonly record struct StormVerdict(bool Send, long Suppressed, DateTimeOffset SuppressedSince)
{
    public static readonly StormVerdict SendIt = new(true, 0, default);
    public static readonly StormVerdict Suppress = new(false, 0, default);
}
