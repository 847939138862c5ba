using Sentry;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// A Sentry event made on the logging side: it fixes the id and timestamp. An exception the SDK cannot
/// read (<see cref="ExceptionProbe"/>) is kept from the event and named in <see cref="ExceptionFault"/>,
/// for the worker to describe instead.
/// </summary>
sealed class PreparedEvent
{
    PreparedEvent(SentryEvent sentryEvent, string? exceptionFault)
    {
        Event = sentryEvent;
        ExceptionFault = exceptionFault;
    }

    public SentryEvent Event { get; }

    public string? ExceptionFault { get; }

    public static PreparedEvent For(Exception? exception)
    {
        var fault = exception is null ? null : ExceptionProbe.FindFault(exception);
        return new(new SentryEvent(fault is null ? exception : null), fault);
    }
}
