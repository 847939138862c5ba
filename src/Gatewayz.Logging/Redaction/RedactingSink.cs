using System.Runtime.CompilerServices;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Parsing;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Wraps sinks that render text of their own (the console, files) so that what the enricher cannot
/// reach is redacted too: the literal text of the message template (an interpolated string, say)
/// and the exception, which those sinks render with <c>ToString()</c>. An event with nothing to
/// redact passes through as it is.
/// </summary>
sealed class RedactingSink(ILogEventSink inner, Redactor redactor) : ILogEventSink, IDisposable
{
    static readonly ConditionalWeakTable<MessageTemplate, MessageTemplate> CleanTemplates = new();
    int _disposed;

    public void Emit(LogEvent logEvent)
    {
        LogEvent safe;
        try
        {
            var template = Template(logEvent.MessageTemplate);
            var exception = logEvent.Exception is { } original ? Exception(original) : null;
            safe = ReferenceEquals(template, logEvent.MessageTemplate) && ReferenceEquals(exception, logEvent.Exception)
                ? logEvent
                : new LogEvent(logEvent.Timestamp, logEvent.Level, exception, template,
                    logEvent.Properties.Select(p => new LogEventProperty(p.Key, p.Value)), logEvent.TraceId ?? default, logEvent.SpanId ?? default);
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: redacting an event for another sink failed; the event was not passed on: {0}", ex);
            return;
        }
        inner.Emit(safe);
    }

    /// <summary>The template with secrets in its literal text masked; checked once per template instance.</summary>
    MessageTemplate Template(MessageTemplate template)
    {
        if (CleanTemplates.TryGetValue(template, out var known))
            return known;

        var tokens = template.Tokens.ToList();
        var changed = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] is TextToken text && redactor.Text(text.Text) is var safe && !ReferenceEquals(safe, text.Text))
            {
                tokens[i] = new TextToken(safe);
                changed = true;
            }
        }
        var result = changed ? new MessageTemplate(redactor.Text(template.Text), tokens) : template;
        CleanTemplates.AddOrUpdate(template, result);
        return result;
    }

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
