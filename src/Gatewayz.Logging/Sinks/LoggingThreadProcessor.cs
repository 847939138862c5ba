using Sentry;
using Sentry.Extensibility;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// The SDK stamps exceptions with the thread that processes them; the event is processed on the
/// background worker, so this restores the id of the thread that logged.
/// </summary>
sealed class LoggingThreadProcessor(int threadId) : ISentryEventProcessor
{
    public SentryEvent? Process(SentryEvent @event)
    {
        foreach (var exception in @event.SentryExceptions ?? [])
            exception.ThreadId = threadId;
        return @event;
    }
}
