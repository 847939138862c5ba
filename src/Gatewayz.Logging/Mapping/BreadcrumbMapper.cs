using Gatewayz.Logging.Redaction;
using Sentry;
using Serilog.Events;

namespace Gatewayz.Logging.Mapping;

/// <summary>
/// A log event as a breadcrumb: the rendered message, the logger as category, the mapped level, the
/// log event's own timestamp, and as data the exception's type and message and the properties, within
/// Sentry's size limits, secrets masked.
/// </summary>
static class BreadcrumbMapper
{
    /// <summary><paramref name="category"/> is the source context, <paramref name="message"/> the rendered message, secrets masked.</summary>
    public static void AddTo(Scope scope, LogEvent logEvent, string? category, string message, Redactor redactor)
    {
        KeyValuePair<string, LogEventPropertyValue>[]? data = null;
        var properties = logEvent.Properties;
        var count = properties.Count - (category is null ? 0 : 1);
        if (count > 0)
        {
            data = new KeyValuePair<string, LogEventPropertyValue>[count];
            var i = 0;
            // Serilog keeps the properties in a Dictionary: its struct enumerator spares an allocation.
            if (properties is Dictionary<string, LogEventPropertyValue> dictionary)
            {
                foreach (var property in dictionary)
                {
                    if (category is null || property.Key != PropertyNames.SourceContext)
                        data[i++] = property;
                }
            }
            else
            {
                foreach (var property in properties)
                {
                    if (category is null || property.Key != PropertyNames.SourceContext)
                        data[i++] = property;
                }
            }
        }

        string? exceptionType = null, exceptionMessage = null;
        if (logEvent.Exception is { } exception)
        {
            // Read now: the breadcrumb keeps two strings, not the exception.
            exceptionType = exception.GetType().FullName ?? exception.GetType().Name;
            exceptionMessage = FaultyExceptionMapper.MessageOf(exception);
        }

        scope.AddBreadcrumb(
            timestamp: logEvent.Timestamp,
            message: TextCut.WithCount(message, SentryLimits.BreadcrumbMessageLength),
            category: category ?? "log",
            type: "default",
            data: data is null && exceptionType is null ? null : new BreadcrumbData(data ?? [], redactor, exceptionType, exceptionMessage),
            level: LevelMapping.ToBreadcrumbLevel(logEvent.Level));
    }
}
