using Sentry;
using Sentry.Extensibility;

namespace Gatewayz.Logging.Sinks;

/// <summary>Marks the logged exception as unhandled, for events that report an exception nothing caught.</summary>
sealed class UnhandledMechanismProcessor : ISentryEventProcessor
{
    public static readonly UnhandledMechanismProcessor Instance = new();

    public SentryEvent? Process(SentryEvent @event)
    {
        if (@event.SentryExceptions?.LastOrDefault() is { } outermost)
        {
            outermost.Mechanism ??= new Sentry.Protocol.Mechanism();
            outermost.Mechanism.Handled = false;
            outermost.Mechanism.Type = "Gatewayz.Logging.UnhandledException";
        }
        return @event;
    }
}
