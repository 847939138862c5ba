using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Gatewayz.Logging.Redaction;
using Serilog.Events;
using Serilog.Parsing;

namespace Gatewayz.Logging.Mapping;

/// <summary>
/// Renders a message the way a reader expects it in Sentry: string values without the quotes
/// Serilog adds (as the console's <c>:l</c> format does), aligned values padded around the value
/// alone, invariant culture for everything else.
/// </summary>
static class MessageRenderer
{
    /// <summary>Templates of up to this many tokens (text and properties) are joined without the writer.</summary>
    const int MaxJoinedTokens = 4;

    [ThreadStatic]
    static StringWriter? t_writer;

    /// <summary>
    /// The message of the event, breadcrumb and log line, secrets masked. With <paramref name="remember"/>
    /// (a log line will carry it) the redactor remembers it when clean, so that its <c>BeforeSendLog</c>
    /// does not scan the library's own line again. Otherwise it is not remembered: a breadcrumb's message
    /// is new on every call, and the redactor's cache would only keep a thousand of them alive through
    /// every collection (scanned again, once, if an event carries the breadcrumb).
    /// </summary>
    public static string Render(LogEvent logEvent, Redactor redactor, bool remember) =>
        remember ? redactor.Text(Render(logEvent)) : redactor.FreshText(Render(logEvent));

    public static string Render(LogEvent logEvent)
    {
        // Serilog hands out its own token array; any other sequence takes the general path.
        if (logEvent.MessageTemplate.Tokens is MessageTemplateToken[] tokens && TryJoinText(tokens, logEvent.Properties, out var joined))
            return joined;

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
                if (TryGetLiteral(property, properties, out var literal))
                    AppendAligned(builder, literal, property.Alignment);
                else
                    RenderSafely(property, properties, writer);
            }
        }

        var rendered = builder.ToString();
        if (builder.Capacity > 16 * 1024)
            t_writer = null;
        return rendered;
    }

    /// <summary>
    /// The common message, text and at most four pieces of it, string values placed as they are:
    /// joined at once, with no writer in between; a template without properties is its own text.
    /// False for anything else, which the writer renders.
    /// </summary>
    static bool TryJoinText(MessageTemplateToken[] tokens, IReadOnlyDictionary<string, LogEventPropertyValue> properties, [NotNullWhen(true)] out string? joined)
    {
        joined = null;
        if (tokens.Length > MaxJoinedTokens)
            return false;
        string? first = null, second = null, third = null, fourth = null;
        for (var i = 0; i < tokens.Length; i++)
        {
            string? part;
            if (tokens[i] is TextToken text)
                part = text.Text;
            else if (tokens[i] is not PropertyToken { Alignment: null } property || !TryGetLiteral(property, properties, out part))
                return false;
            switch (i)
            {
                case 0: first = part; break;
                case 1: second = part; break;
                case 2: third = part; break;
                default: fourth = part; break;
            }
        }
        joined = tokens.Length switch
        {
            0 => "",
            1 => first!,
            2 => string.Concat(first, second),
            3 => string.Concat(first, second, third),
            _ => string.Concat(first, second, third, fourth),
        };
        return true;
    }

    /// <summary>A string value is written as it is, without Serilog's quotes.</summary>
    static bool TryGetLiteral(PropertyToken property, IReadOnlyDictionary<string, LogEventPropertyValue> properties, [NotNullWhen(true)] out string? literal)
    {
        if (properties.TryGetValue(property.PropertyName, out var value) && value is ScalarValue { Value: string text })
        {
            literal = text;
            return true;
        }
        literal = null;
        return false;
    }

    /// <summary>Pads the value to the token's width, as Serilog aligns it, but around the value alone.</summary>
    static void AppendAligned(StringBuilder builder, string value, Alignment? alignment)
    {
        var padding = alignment is { } align ? align.Width - value.Length : 0;
        if (padding > 0 && alignment!.Value.Direction == AlignmentDirection.Right)
            builder.Append(' ', padding);
        builder.Append(value);
        if (padding > 0 && alignment!.Value.Direction == AlignmentDirection.Left)
            builder.Append(' ', padding);
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
