using Sentry;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// A Sentry event decided on the logging side: its id (which a capture helper returns at once) and its
/// timestamp (the moment of the call) are fixed here; the <see cref="SentryEvent"/> itself is made by
/// <see cref="Make"/>, on the worker, so that the queue holds two small values instead of an event. The
/// SDK makes an event with a given id and timestamp only through an internal constructor
/// (<see cref="SentryInternals.NewEventWithIdAndTimestamp"/>): when a Sentry version lacks it, the
/// event is made here at once, as the public constructor allows. An exception the SDK cannot read
/// (<see cref="ExceptionProbe"/>) is kept from the event and named in <see cref="ExceptionFault"/>,
/// for the worker to describe instead.
/// </summary>
sealed class PreparedEvent
{
    readonly Exception? _exception;
    readonly DateTimeOffset _timestamp;
    readonly SentryEvent? _madeAtOnce;

    PreparedEvent(Exception? exception, string? exceptionFault, bool onWorker)
    {
        _exception = exception;
        ExceptionFault = exceptionFault;
        if (!onWorker)
        {
            _madeAtOnce = new SentryEvent(exception);
            EventId = _madeAtOnce.EventId;
        }
        else
        {
            EventId = EventIds.Next();
            _timestamp = DateTimeOffset.UtcNow;
        }
    }

    /// <summary>The id the event is sent with.</summary>
    public SentryId EventId { get; }

    public string? ExceptionFault { get; }

    /// <summary>True when this Sentry version lets the event be made on the worker (see the class summary).</summary>
    public static bool MadeOnWorker => SentryInternals.NewEventWithIdAndTimestamp is not null;

    public static PreparedEvent For(Exception? exception) => For(exception, MadeOnWorker);

    /// <summary>As <see cref="For(Exception?)"/>; <paramref name="onWorker"/> false makes the event at once, as on a Sentry without the constructor.</summary>
    internal static PreparedEvent For(Exception? exception, bool onWorker)
    {
        var fault = exception is null ? null : ExceptionProbe.FindFault(exception);
        return new(fault is null ? exception : null, fault, onWorker && MadeOnWorker);
    }

    /// <summary>The Sentry event, with the id and timestamp fixed at the call. Called once, by the sink that sends it.</summary>
    public SentryEvent Make() =>
        _madeAtOnce ?? (SentryEvent)SentryInternals.NewEventWithIdAndTimestamp!.Invoke(_exception, _timestamp, EventId);
}
