using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Gatewayz.Logging.Redaction;
using Serilog.Events;

namespace Gatewayz.Logging.Mapping;

/// <summary>
/// A breadcrumb's data: the logged exception's type and message, then the log event's properties, as
/// text rendered only when an event that carries the breadcrumb is serialized. Most breadcrumbs are
/// never sent, so the logging thread pays for a snapshot of references, not for formatting or
/// redaction.
/// </summary>
/// <param name="properties">The log event's properties, except its logger.</param>
/// <param name="redactor">Masks secrets in the rendered values.</param>
/// <param name="exceptionType">The logged exception's type, if any; its message follows it.</param>
/// <param name="exceptionMessage">The logged exception's message, as read on the logging thread.</param>
sealed class BreadcrumbData(KeyValuePair<string, LogEventPropertyValue>[] properties, Redactor redactor, string? exceptionType = null, string? exceptionMessage = null) : IReadOnlyDictionary<string, string>
{
    const string ExceptionTypeKey = "exception_type";
    const string ExceptionMessageKey = "exception_message";

    Dictionary<string, string>? _rendered;

    Dictionary<string, string> Rendered => Volatile.Read(ref _rendered) ?? Render();

    Dictionary<string, string> Render()
    {
        var rendered = new Dictionary<string, string>(properties.Length + (exceptionType is null ? 0 : 2), StringComparer.Ordinal);
        var budget = SentryLimits.BreadcrumbDataBytes;
        var cut = 0;
        if (exceptionType is not null)
        {
            var type = TextCut.WithEllipsis(exceptionType, SentryLimits.BreadcrumbValueLength);
            var message = TextCut.RepairSurrogates(TextCut.WithCount(redactor.FreshText(exceptionMessage ?? ""), SentryLimits.BreadcrumbValueLength));
            rendered[ExceptionTypeKey] = type;
            rendered[ExceptionMessageKey] = message;
            budget -= type.Length + message.Length + ExceptionTypeKey.Length + ExceptionMessageKey.Length;
        }
        foreach (var (name, value) in properties)
        {
            var text = ScalarText.Format(redactor.Property(name, value), SentryLimits.BreadcrumbValueLength);
            if (budget - text.Length - name.Length < 0)
            {
                cut++;
                continue;
            }
            budget -= text.Length + name.Length;
            rendered[TextCut.WithEllipsis(TextCut.RepairSurrogates(name), SentryLimits.FieldNameLength)] = TextCut.RepairSurrogates(text);
        }
        if (cut > 0)
            rendered["_truncated"] = $"{cut} more fields cut at the size limit";

        return Interlocked.CompareExchange(ref _rendered, rendered, null) ?? rendered;
    }

    public string this[string key] => Rendered[key];
    public IEnumerable<string> Keys => Rendered.Keys;
    public IEnumerable<string> Values => Rendered.Values;
    public int Count => Rendered.Count;
    public bool ContainsKey(string key) => Rendered.ContainsKey(key);
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => Rendered.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => Rendered.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
