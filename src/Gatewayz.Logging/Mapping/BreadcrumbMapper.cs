using Gatewayz.Logging.Redaction;
using Sentry;
using Serilog.Events;

namespace Gatewayz.Logging.Mapping;

/// <summary>
/// A log event below the event level as a breadcrumb: the rendered message, the logger as category,
/// the mapped level, and the properties as data within Sentry's size limits, secrets masked.
/// </summary>
static class BreadcrumbMapper
{
    public static Breadcrumb ToBreadcrumb(LogEvent logEvent, Redactor redactor)
    {
        var properties = logEvent.Properties;
        string? category = null;
        KeyValuePair<string, LogEventPropertyValue>[]? data = null;

        if (properties.Count > 0)
        {
            var count = properties.Count;
            if (properties.TryGetValue(PropertyNames.SourceContext, out var source) && source is ScalarValue { Value: string name })
            {
                category = name;
                count--;
            }

            if (count > 0)
            {
                data = new KeyValuePair<string, LogEventPropertyValue>[count];
                var i = 0;
                foreach (var property in properties)
                {
                    if (category is not null && property.Key == PropertyNames.SourceContext)
                        continue;
                    data[i++] = property;
                }
            }
        }

        return new Breadcrumb(
            message: TextCut.WithCount(redactor.Text(MessageRenderer.Render(logEvent)), SentryLimits.BreadcrumbMessageLength),
            type: "default",
            data: data is null ? null : new BreadcrumbData(data, redactor),
            category: category ?? "log",
            level: LevelMapping.ToBreadcrumbLevel(logEvent.Level));
    }
}
