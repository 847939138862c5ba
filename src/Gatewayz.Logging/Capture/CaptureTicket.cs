using Sentry;

namespace Gatewayz.Logging.Capture;

/// <summary>
/// Carries an explicit capture from a helper to the sink on the same thread: the sink sends the
/// helper's log event as an event whatever its minimum event level, and hands back the id of the
/// event it sent. Serilog's pipeline is synchronous, so the sink sees the event before the
/// helper's <c>Write</c> returns.
/// </summary>
sealed class CaptureTicket : IDisposable
{
    [ThreadStatic]
    static CaptureTicket? t_current;

    readonly CaptureTicket? _previous;

    CaptureTicket()
    {
        _previous = t_current;
        t_current = this;
    }

    /// <summary>The id of the event the sink sent for this capture, or empty.</summary>
    public SentryId EventId { get; private set; } = SentryId.Empty;

    bool Claimed { get; set; }

    public static CaptureTicket Open() => new();

    /// <summary>Called by the sink: true when the event being emitted is an explicit capture.</summary>
    public static CaptureTicket? Claim()
    {
        var ticket = t_current;
        if (ticket is null || ticket.Claimed)
            return null;
        ticket.Claimed = true;
        return ticket;
    }

    public void Complete(SentryId eventId) => EventId = eventId;

    public void Dispose() => t_current = _previous;
}
