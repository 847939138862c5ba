using System.Collections;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Gatewayz.Logging.Mapping;
using Sentry;
using Sentry.Extensibility;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Redacts a Sentry event just before it is sent, whoever built it: the message, the exception
/// messages (inner exceptions included), tags, extra, contexts, request data and breadcrumbs. The
/// library's own events arrive mostly clean; this is what catches the exception text, which the SDK
/// only reads at capture time, and events from other integrations.
/// </summary>
sealed class SentryEventRedactor(Redactor redactor) : ISentryEventProcessor
{
    readonly ConditionalWeakTable<Breadcrumb, Breadcrumb> _breadcrumbs = new();

    public SentryEvent? Process(SentryEvent @event)
    {
        if (@event.Message is { } message)
        {
            message.Message = Text(message.Message);
            message.Formatted = message.Formatted is { } formatted ? redactor.FreshText(formatted) : null;
        }

        foreach (var exception in @event.SentryExceptions ?? [])
        {
            exception.Value = exception.Value is { } value ? redactor.FreshText(value) : null;
            if (exception.Mechanism is { } mechanism)
                MechanismData(mechanism.Data);
        }

        foreach (var (key, value) in @event.Tags.ToArray())
        {
            var safe = redactor.IsSensitiveKey(key) ? SecretMask.Marker : redactor.Text(value);
            if (!ReferenceEquals(safe, value))
                @event.SetTag(key, safe);
        }

        foreach (var (key, value) in @event.Extra.ToArray())
        {
            var safe = redactor.IsSensitiveKey(key) ? SecretMask.Marker : Object(value);
            if (!ReferenceEquals(safe, value))
                @event.SetExtra(key, safe);
        }

        foreach (var key in @event.Contexts.Keys.ToArray())
        {
            var value = @event.Contexts[key];
            var safe = Object(value);
            if (!ReferenceEquals(safe, value) && safe is not null)
                @event.Contexts[key] = safe;
        }

        Request(@event.Request);
        Breadcrumbs(@event);
        return @event;
    }

    string? Text(string? text) => text is null ? null : redactor.Text(text);

    /// <summary>Strings and string-keyed dictionaries are redacted; the library's own JSON is already clean, SDK types are left alone.</summary>
    object? Object(object? value) => value switch
    {
        string s => redactor.Text(s),
        JsonFragment => value,
        IDictionary<string, string> strings => Dictionary(value, strings.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)), strings.Count),
        IDictionary<string, object?> objects => Dictionary(value, objects, objects.Count),
        IEnumerable<KeyValuePair<string, object?>> pairs => Dictionary(value, pairs, 0),
        IList list when value is not string => List(list),
        _ => value,
    };

    /// <summary>
    /// <paramref name="original"/> itself when none of its entries needs redacting (the common case,
    /// which allocates nothing); otherwise a redacted copy. Each entry is redacted once: the copy
    /// starts at the first entry that changes, with the unchanged ones before it.
    /// </summary>
    object Dictionary(object original, IEnumerable<KeyValuePair<string, object?>> pairs, int capacity)
    {
        Dictionary<string, object?>? copy = null;
        var unchanged = 0;
        foreach (var (key, value) in pairs)
        {
            var safe = Entry(key, value);
            if (copy is null)
            {
                if (ReferenceEquals(safe, value))
                {
                    unchanged++;
                    continue;
                }
                copy = new Dictionary<string, object?>(capacity);
                foreach (var (earlierKey, earlierValue) in pairs.Take(unchanged))
                    copy[earlierKey] = earlierValue;
            }
            copy[key] = safe;
        }
        return copy ?? original;
    }

    /// <summary>The exception's <c>Data</c>, which the SDK copies into the mechanism as it is.</summary>
    void MechanismData(IDictionary<string, object> data)
    {
        foreach (var (key, value) in data.ToArray())
        {
            if (Entry(key, value) is { } safe && !ReferenceEquals(safe, value))
                data[key] = safe;
        }
    }

    object? Entry(string key, object? value) =>
        redactor.IsSensitiveKey(key) && value is not null ? SecretMask.Marker : Object(value);

    object List(IList list)
    {
        var copy = new object?[list.Count];
        var changed = false;
        for (var i = 0; i < list.Count; i++)
        {
            copy[i] = Object(list[i]);
            changed |= !ReferenceEquals(copy[i], list[i]);
        }
        return changed ? copy : list;
    }

    void Request(SentryRequest request)
    {
        request.Url = Text(request.Url);
        request.QueryString = Text(request.QueryString);
        if (request.Cookies is not null)
            request.Cookies = SecretMask.Marker;
        if (request.Data is { } data)
            request.Data = Object(data);
        foreach (var (name, value) in request.Headers.ToArray())
            request.Headers[name] = redactor.IsSensitiveKey(name) ? SecretMask.Marker : redactor.Text(value);
    }

    /// <summary>
    /// Breadcrumbs are immutable; one that needs redacting is rebuilt from its own JSON, which keeps
    /// its timestamp. The SDK keeps an event's breadcrumbs in a list it hands out read-only. A scope
    /// holds up to 100 of them and every event carries them all, so each breadcrumb is looked at once,
    /// on the first event that carries it, and the verdict (itself, or its redacted copy) is kept for
    /// as long as the breadcrumb lives: reading a breadcrumb's data costs the SDK a copy of it.
    /// </summary>
    void Breadcrumbs(SentryEvent @event)
    {
        if (@event.Breadcrumbs is not IList<Breadcrumb> { IsReadOnly: false } list)
            return;
        for (var i = 0; i < list.Count; i++)
        {
            var crumb = list[i];
            if (!_breadcrumbs.TryGetValue(crumb, out var safe))
            {
                safe = NeedsRedaction(crumb) ? Rebuild(crumb) : crumb;
                _breadcrumbs.AddOrUpdate(crumb, safe);
            }
            if (!ReferenceEquals(safe, crumb))
                list[i] = safe;
        }
    }

    bool NeedsRedaction(Breadcrumb crumb) =>
        (crumb.Message is { } message && !ReferenceEquals(redactor.Text(message), message))
        || (crumb.Data?.Any(d => redactor.IsSensitiveKey(d.Key) || !ReferenceEquals(redactor.Text(d.Value), d.Value)) ?? false);

    Breadcrumb Rebuild(Breadcrumb crumb)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            crumb.WriteTo(writer, null);
        using var json = JsonDocument.Parse(stream.ToArray());
        var redacted = new Dictionary<string, object?>();
        foreach (var property in json.RootElement.EnumerateObject())
        {
            redacted[property.Name] = property.Name switch
            {
                "message" => redactor.Text(property.Value.GetString() ?? ""),
                "data" => property.Value.EnumerateObject().ToDictionary(
                    d => d.Name,
                    d => redactor.IsSensitiveKey(d.Name) ? SecretMask.Marker : redactor.Text(d.Value.ValueKind == JsonValueKind.String ? d.Value.GetString() ?? "" : d.Value.GetRawText())),
                _ => property.Value.Clone(),
            };
        }
        return Breadcrumb.FromJson(JsonSerializer.SerializeToElement(redacted));
    }
}
