using Serilog.Events;

namespace Gatewayz.Logging.Redaction;

/// <summary>A log event with another template or exception, and everything else as it was.</summary>
static class LogEventCopy
{
    public static LogEvent With(LogEvent logEvent, MessageTemplate template, Exception? exception) =>
        new(logEvent.Timestamp, logEvent.Level, exception, template,
            logEvent.Properties.Select(p => new LogEventProperty(p.Key, p.Value)), logEvent.TraceId ?? default, logEvent.SpanId ?? default);
}
