using System.Globalization;
using Serilog.Events;
using Serilog.Parsing;

namespace Gatewayz.Logging.Mapping;

/// <summary>
/// Renders a message the way a reader expects it in Sentry: string values without the quotes
/// Serilog adds (as the console's <c>:l</c> format does), invariant culture for everything else.
/// </summary>
static class MessageRenderer
{
    [ThreadStatic]
    static StringWriter? t_writer;

    public static string Render(LogEvent logEvent)
    {
        var writer = t_writer ??= new StringWriter(CultureInfo.InvariantCulture);
        var builder = writer.GetStringBuilder();
        builder.Clear();

        var properties = logEvent.Properties;
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is TextToken text)
            {
                builder.Append(text.Text);
            }
            else if (token is PropertyToken property)
            {
                if (properties.TryGetValue(property.PropertyName, out var value)
                    && value is ScalarValue { Value: string literal }
                    && property.Alignment is null)
                {
                    builder.Append(literal);
                }
                else
                {
                    RenderSafely(property, properties, writer);
                }
            }
        }

        var rendered = builder.ToString();
        if (builder.Capacity > 16 * 1024)
            t_writer = null;
        return rendered;
    }

    /// <summary>A value whose <c>ToString</c> throws is named by its type rather than losing the whole message.</summary>
    static void RenderSafely(PropertyToken property, IReadOnlyDictionary<string, LogEventPropertyValue> properties, StringWriter writer)
    {
        var builder = writer.GetStringBuilder();
        var start = builder.Length;
        try
        {
            property.Render(properties, writer, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            builder.Length = start;
            var value = properties.TryGetValue(property.PropertyName, out var v) && v is ScalarValue { Value: { } scalar } ? scalar : v;
            builder.Append(ScalarText.Unprintable(value));
        }
    }
}
