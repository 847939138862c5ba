using Sentry;
using Serilog.Events;

namespace Gatewayz.Logging.Capture;

/// <summary>
/// An explicit capture, carried by its log event in the <see cref="PropertyNames.SentryEventId"/>
/// property, so that it reaches the sink wherever and whenever the sink runs (behind <c>WriteTo.Async</c>
/// too). Every Gatewayz sink sends it whatever its minimum event level: the first to claim the ticket
/// sends the event made here, whose id the helper returned; any other makes its own.
/// </summary>
/// <remarks>
/// A MEL helper cannot put the ticket on its event (Serilog's MEL providers turn an unknown object into
/// its text): the ticket is current on its thread for the <c>Log</c> call, and the context enricher,
/// which runs on that thread before any wrapper, moves it onto the event; without the enricher, a sink
/// on the calling thread still finds it there.
/// </remarks>
sealed class CaptureTicket
{
    const int Open = 0;
    const int Claimed = 1;
    const int Sent = 2;
    const int NotSent = 3;

    [ThreadStatic]
    static CaptureTicket? t_current;

    readonly Exception? _exception;
    readonly LogEventLevel _level;
    readonly SentryEvent _event;
    int _state;

    public CaptureTicket(Exception? exception, LogEventLevel level)
    {
        _exception = exception;
        _level = level;
        _event = NewEvent(exception);
        Property = new LogEventProperty(PropertyNames.SentryEventId, new ScalarValue(this));
    }

    /// <summary>
    /// The Sentry event a logged failure starts as, before the mapping fills it: the logged exception, for
    /// the SDK to read when it captures; none when the SDK could not read it (<see cref="ExceptionProbe"/>),
    /// and the sink describes the exception itself.
    /// </summary>
    public static SentryEvent NewEvent(Exception? exception) =>
        new(exception is null || ExceptionProbe.FindFault(exception) is null ? exception : null);

    /// <summary>The property that carries this ticket; other sinks show it as the Sentry event id.</summary>
    public LogEventProperty Property { get; }

    /// <summary>Makes this the ticket of the capture being logged on this thread, until disposed.</summary>
    public CurrentTicket MakeCurrent() => new(this);

    /// <summary>The ticket <paramref name="logEvent"/> carries, or the one of this thread's capture when the event is its own.</summary>
    public static CaptureTicket? Of(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue(PropertyNames.SentryEventId, out var value) && value is ScalarValue { Value: CaptureTicket carried }
            ? carried
            : CurrentFor(logEvent);

    /// <summary>Called by the enricher: puts this thread's capture on its own event, so that it travels with it.</summary>
    public static void Attach(LogEvent logEvent)
    {
        if (CurrentFor(logEvent) is { } ticket)
            logEvent.AddOrUpdateProperty(ticket.Property);
    }

    /// <summary>The current ticket, if <paramref name="logEvent"/> is its capture's event (same exception and level).</summary>
    static CaptureTicket? CurrentFor(LogEvent logEvent) =>
        t_current is { } ticket && ReferenceEquals(ticket._exception, logEvent.Exception) && ticket._level == logEvent.Level ? ticket : null;

    /// <summary>Called by a sink: true for the one sink that sends the prepared event.</summary>
    public bool TryClaim() => Interlocked.CompareExchange(ref _state, Claimed, Open) == Open;

    /// <summary>Called by the sink that claimed the ticket: the event to map and send, whose id the helper returns.</summary>
    public SentryEvent TakeEvent() => _event;

    /// <summary>Called by the sink that claimed the ticket, once it knows whether the SDK took the event.</summary>
    public void Complete(bool sent) => Volatile.Write(ref _state, sent ? Sent : NotSent);

    /// <summary>
    /// What the helper returns once its <c>Write</c> or <c>Log</c> call is back: the id of the event a
    /// sink sent, or empty when the sink did not send it. When no sink has decided yet (it runs behind a
    /// wrapper, later, on another thread), the id the event is sent with, as long as a Sentry SDK runs;
    /// the sink may still drop it (storm control, sampling, a full SDK queue).
    /// </summary>
    public SentryId Result() => Volatile.Read(ref _state) switch
    {
        Sent => _event.EventId,
        NotSent => SentryId.Empty,
        _ => SentrySdk.IsEnabled ? _event.EventId : SentryId.Empty,
    };

    /// <summary>The Sentry event id, as other sinks (a JSON console, say) show the property.</summary>
    public override string ToString() => _event.EventId.ToString();

    /// <summary>The ticket of a MEL capture, current on its thread while the capture is logged.</summary>
    public readonly struct CurrentTicket : IDisposable
    {
        readonly CaptureTicket? _previous;

        public CurrentTicket(CaptureTicket ticket)
        {
            _previous = t_current;
            t_current = ticket;
        }

        public void Dispose() => t_current = _previous;
    }
}
