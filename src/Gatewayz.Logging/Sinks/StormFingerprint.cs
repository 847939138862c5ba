using System.Reflection;
using Serilog.Events;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// What makes two errors "the same" for storm control: exception type, throw site, message template,
/// and the <c>provider</c> and <c>operation</c> tags. Compared exactly, so two distinct errors never
/// share a budget.
/// </summary>
readonly record struct StormFingerprint(Type? ExceptionType, MethodBase? ThrowSite, string Template, string? Provider, string? Operation)
{
    public static StormFingerprint Of(LogEvent logEvent) => new(
        logEvent.Exception?.GetType(),
        logEvent.Exception is { } exception ? ThrowSiteOf(exception) : null,
        logEvent.MessageTemplate.Text,
        Scalar(logEvent, "provider"),
        Scalar(logEvent, "operation"));

    /// <summary>The method the exception was thrown from, without formatting a stack trace.</summary>
    static MethodBase? ThrowSiteOf(Exception exception)
    {
        try
        {
            return exception.TargetSite;
        }
        catch
        {
            return null;
        }
    }

    static string? Scalar(LogEvent logEvent, string name)
    {
        if (logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: string text })
            return text;
        if (logEvent.Properties.TryGetValue(PropertyNames.SentryTags, out var tags) && tags is DictionaryValue dictionary)
        {
            foreach (var (key, tag) in dictionary.Elements)
            {
                if (key.Value is string k && k == name && tag is ScalarValue { Value: string t })
                    return t;
            }
        }
        return null;
    }
}
