using System.Collections.Concurrent;
using Gatewayz.Logging.Redaction;
using Serilog.Events;
using Serilog.Parsing;

namespace Gatewayz.Logging.Mapping;

/// <summary>
/// The contract for Sentry's Logs, in one place: what a log event becomes as a log line.
/// <list type="bullet">
/// <item>level: Verbose → trace, Debug → debug, Information → info, Warning → warn, Error → error, Fatal → fatal;</item>
/// <item>body: the rendered message, strings without quotes, as an event's <c>formatted</c> message;</item>
/// <item><c>sentry.message.template</c>, and <c>sentry.message.parameter.&lt;Name&gt;</c> for each property the template names;</item>
/// <item><c>SourceContext</c> (MEL's category) → <c>category.name</c>; MEL's <c>EventId</c> → <c>event.id</c>, <c>event.name</c>;</item>
/// <item>every property, the template's included, under its own name (the name it has as a tag or a context), explicit
/// <c>SentryTags</c> and <c>SentryContexts</c> entries under theirs; structured values flattened (<see cref="LogAttributes"/>);</item>
/// <item>an exception: <c>exception.type</c>, <c>exception.message</c>, <c>exception.stacktrace</c>;</item>
/// <item><c>sentry.origin</c> = <c>auto.log.serilog</c>, the integration that sent the line, as Sentry asks of logging
/// integrations (set by the sender, last, so that no property of the same name replaces it);</item>
/// <item>the tags of the Sentry scope where the line was logged (the request's <c>http.route</c>,
/// <c>request_id</c>), which an event of the same scope carries as tags, unless a property has the name.</item>
/// </list>
/// Every text passes through the <see cref="Redactor"/>. Pure: the trace, the environment and the
/// release are the SDK's, which adds them when the line is handed to it.
/// </summary>
sealed class LogLineMapper(Redactor redactor)
{
    public const string Template = "sentry.message.template";
    public const string ParameterPrefix = "sentry.message.parameter.";
    public const string Category = "category.name";
    public const string EventId = "event.id";
    public const string EventName = "event.name";
    public const string ExceptionType = "exception.type";
    public const string ExceptionMessage = "exception.message";
    public const string ExceptionStackTrace = "exception.stacktrace";
    public const string Origin = "sentry.origin";
    public const string OriginValue = "auto.log.serilog";

    /// <summary>The exception's <c>exception.stacktrace</c>: its type, message and frames, inner exceptions included.</summary>
    const int StackTraceLength = 16 * 1024;

    /// <summary>
    /// <paramref name="message"/>, rendered and secrets masked (<see cref="MessageRenderer.Render(LogEvent, Redactor, bool)"/>),
    /// is the body; <paramref name="scopeTags"/> are the tags of the Sentry scope where the line was logged.
    /// </summary>
    public LogLine Map(LogEvent logEvent, string message, IReadOnlyDictionary<string, string>? scopeTags = null)
    {
        var attributes = new LogAttributes(logEvent.Properties.Count + 8);
        var body = TextCut.WithCount(message, SentryLimits.MessageLength);
        var template = logEvent.MessageTemplate;
        var named = NamesIn(template);
        if (named.Properties.Length > 0)
            attributes.AddText(Template, redactor.Text(template.Text), SentryLimits.MessageLength);
        if (logEvent.Exception is { } exception)
            AddException(attributes, exception);

        foreach (var (name, original) in logEvent.Properties)
        {
            var value = redactor.Property(name, original);
            switch (name)
            {
                case PropertyNames.SourceContext when value is ScalarValue { Value: string source }:
                    attributes.AddText(Category, source);
                    continue;
                case PropertyNames.EventId when value is StructureValue eventId:
                    foreach (var field in eventId.Properties)
                        attributes.AddValue(field.Name == "Id" ? EventId : field.Name == "Name" ? EventName : $"{EventId}.{field.Name}", field.Value);
                    continue;
                case PropertyNames.SentryTags or PropertyNames.SentryContexts when value is StructureValue or DictionaryValue:
                    foreach (var (entry, entryValue) in BoundedJson.Fields(value))
                        attributes.AddValue(entry, redactor.Property(entry, entryValue));
                    continue;
            }
            // A template's property is searchable under its own name too, as it is a tag in Issues:
            // its value is turned into attributes once, then added again under that name.
            if (named.ParameterName(name) is { } parameter)
                attributes.AddValue(parameter, value, alias: name);
            else
                attributes.AddValue(name, value);
        }

        // The scope keeps its tags in a ConcurrentDictionary: its Count takes every lock, and enumerating
        // it when empty costs more than IsEmpty, which reads without locks when there are tags.
        if (scopeTags is not null and not ConcurrentDictionary<string, string> { IsEmpty: true })
        {
            foreach (var (name, tag) in scopeTags)
            {
                if (!logEvent.Properties.ContainsKey(name))
                    attributes.AddText(name, redactor.Entry(name, tag));
            }
        }

        return new LogLine(LevelMapping.ToLogLevel(logEvent.Level), body, attributes.Complete());
    }

    void AddException(LogAttributes attributes, Exception exception)
    {
        attributes.AddText(ExceptionType, exception.GetType().FullName ?? exception.GetType().Name);
        attributes.AddText(ExceptionMessage, redactor.FreshText(Safe(exception, e => e.Message)));
        attributes.AddText(ExceptionStackTrace, redactor.FreshText(Safe(exception, e => e.ToString())), StackTraceLength);
    }

    /// <summary>An exception's text; its type's name when its own code throws.</summary>
    static string Safe(Exception exception, Func<Exception, string> read)
    {
        try
        {
            return read(exception);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ScalarText.Unprintable(exception);
        }
    }

    /// <summary>The template's property names, kept for the last template: Serilog reuses one parsed template per logging statement.</summary>
    TemplateNames NamesIn(MessageTemplate template)
    {
        var last = _lastTemplate;
        if (last is not null && ReferenceEquals(last.Template, template))
            return last;
        var names = TemplateNames.Of(template);
        _lastTemplate = names;
        return names;
    }

    volatile TemplateNames? _lastTemplate;

    sealed record TemplateNames(MessageTemplate Template, string[] Properties, string[] Parameters)
    {
        public static TemplateNames Of(MessageTemplate template)
        {
            var properties = template.Tokens.OfType<PropertyToken>().Select(p => p.PropertyName).Distinct(StringComparer.Ordinal).ToArray();
            return new(template, properties, Array.ConvertAll(properties, name => ParameterPrefix + name));
        }

        /// <summary><c>sentry.message.parameter.&lt;name&gt;</c> when the template names the property; otherwise null.</summary>
        public string? ParameterName(string name)
        {
            var index = Array.IndexOf(Properties, name);
            return index < 0 ? null : Parameters[index];
        }
    }
}
