using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Wraps a sink that renders text of its own (the console, a file) so that what the enricher cannot reach
/// is redacted too: the template's literal text and the exception's <c>ToString()</c>. An event with
/// nothing to redact passes as it is.
/// </summary>
sealed class RedactingSink(ILogEventSink inner, Redactor redactor) : ILogEventSink, IDisposable
{
    int _disposed;

    public void Emit(LogEvent logEvent)
    {
        LogEvent safe;
        try
        {
            var template = redactor.Template(logEvent.MessageTemplate);
            var exception = logEvent.Exception is { } original ? Exception(original) : null;
            safe = ReferenceEquals(template, logEvent.MessageTemplate) && ReferenceEquals(exception, logEvent.Exception)
                ? logEvent
                : LogEventCopy.With(logEvent, template, exception);
            // Without the enricher in front, the values the template marks (password={P}) are still filtered.
            safe = redactor.Marked(safe);
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: redacting an event for another sink failed; the event was not passed on: {0}", ex);
            return;
        }
        inner.Emit(safe);
    }

    /// <summary>
    /// A masked stand-in when the exception's text holds a secret. Behind another wrapper the
    /// exception may be a stand-in already: its text is what this one masks further.
    /// </summary>
    Exception Exception(Exception original)
    {
        var text = original.ToString();
        var safe = redactor.FreshText(text);
        return ReferenceEquals(safe, text) ? original : new RedactedException(original, safe, redactor.Text(original.Message));
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            (inner as IDisposable)?.Dispose();
    }
}
