using Serilog.Events;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Stands in for an exception whose text holds a secret, for a sink that renders exceptions itself: it
/// renders as the original, secrets masked. Sinks that mask what they send (the Sentry sink) take the
/// app's untouched exception back with <see cref="Unwrap"/>.
/// </summary>
sealed class RedactedException(Exception original, string text, string message) : Exception(message)
{
    /// <summary>The app's exception; never a stand-in, however many wrappers the event passed.</summary>
    public Exception Original { get; } = original is RedactedException redacted ? redacted.Original : original;

    public override string? StackTrace { get; } = original.StackTrace;

    public override string ToString() => text;

    /// <summary>The event with the app's exception in place of a stand-in; the same event when it carries none.</summary>
    public static LogEvent Unwrap(LogEvent logEvent) =>
        logEvent.Exception is RedactedException redacted ? LogEventCopy.With(logEvent, logEvent.MessageTemplate, redacted.Original) : logEvent;
}
