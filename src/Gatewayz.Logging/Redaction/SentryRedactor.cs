using System.Runtime.CompilerServices;
using System.Text.Json;
using Sentry;
using Sentry.Extensibility;
using Serilog.Debugging;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// The library's redaction policy applied to everything the Sentry SDK sends, whoever built it: events
/// (<see cref="ISentryEventProcessor"/>), transactions (<see cref="ISentryTransactionProcessor"/>) and
/// Sentry Logs lines (<see cref="BeforeSendLog"/>). It masks by key and by shape: messages, exception
/// messages and their <c>Data</c>, tags, extra, contexts, the request (URL, query string, headers,
/// environment, cookies, the body Sentry.AspNetCore attaches), breadcrumbs, span descriptions, tags and
/// data. With <c>SendDefaultPii</c> off, the user's e-mail is masked, and its IP address and
/// <c>Other</c> values are removed, whoever set them.
/// </summary>
sealed class SentryRedactor : ISentryEventProcessor, ISentryTransactionProcessor
{
    readonly Redactor _redactor;
    readonly SentryValueRedactor _values;
    readonly Func<string, string, string> _text;
    readonly Func<string, object?, object?> _value;
    readonly ConditionalWeakTable<Breadcrumb, Breadcrumb> _breadcrumbs = new();
    int _logsDropped;

    public SentryRedactor(Redactor redactor)
    {
        _redactor = redactor;
        _values = new SentryValueRedactor(redactor);
        _text = redactor.Entry;
        _value = _values.Entry;
    }

    public SentryEvent? Process(SentryEvent @event)
    {
        if (@event.Message is { } message)
        {
            message.Message = _values.Text(message.Message);
            // The library's own message was remembered clean as it was rendered: found, not scanned again.
            message.Formatted = message.Formatted is { } formatted ? _redactor.Text(formatted) : null;
        }

        foreach (var exception in @event.SentryExceptions ?? [])
        {
            exception.Value = exception.Value is { } value ? _redactor.FreshText(value) : null;
            // The exception's Data, which the SDK copies into the mechanism as it is.
            if (exception.Mechanism is { } mechanism)
                Entries(mechanism.Data, mechanism.Data!, _value, static (data, key, value) => data[key] = value!);
        }

        Entries(@event, @event.Tags, _text, static (e, key, value) => e.SetTag(key, value));
        Entries(@event, @event.Extra, _value, static (e, key, value) => e.SetExtra(key, value));
        Contexts(@event.Contexts);
        Request(@event.Request);
        User(@event.User);
        Breadcrumbs(@event.Breadcrumbs);
        return @event;
    }

    public SentryTransaction? Process(SentryTransaction transaction)
    {
        transaction.Description = _values.Text(transaction.Description);
        Entries(transaction, transaction.Tags, _text, static (t, key, value) => t.SetTag(key, value));
        Entries(transaction, transaction.Data, _value, static (t, key, value) => t.SetData(key, value));
        Contexts(transaction.Contexts);
        Request(transaction.Request);
        User(transaction.User);
        Breadcrumbs(transaction.Breadcrumbs);
        foreach (var span in transaction.Spans)
        {
            span.Description = _values.Text(span.Description);
            Entries(span, span.Tags, _text, static (s, key, value) => s.SetTag(key, value));
            Entries(span, span.Data, _value, static (s, key, value) => s.SetData(key, value));
        }
        return transaction;
    }

    /// <summary>
    /// For <c>SentryOptions.SetBeforeSendLog</c>. A line's body, template and parameters cannot be changed
    /// once the SDK made it: a line whose text holds a secret is dropped, and SelfLog says so once. The
    /// library's own lines arrive masked. With <c>SendDefaultPii</c> off, the <c>user.email</c> the SDK
    /// copies from the scope is masked. Other attributes cannot be read without their names.
    /// </summary>
    public SentryLog? BeforeSendLog(SentryLog log)
    {
        if (HoldsSecret(log))
        {
            if (Interlocked.Increment(ref _logsDropped) == 1)
                SelfLog.WriteLine("Gatewayz.Logging: a Sentry Logs line sent by other code held a secret in its text, which the SDK does not let the library mask; it was dropped (this is said once)");
            return null;
        }
        if (!_redactor.SendDefaultPii && log.TryGetAttribute("user.email", out var email) && email is string address)
            log.SetAttribute("user.email", MaskedEmail(address));
        return log;
    }

    bool HoldsSecret(SentryLog log)
    {
        if (HoldsSecret(log.Message) || (log.Template is { } template && HoldsSecret(template)))
            return true;
        foreach (var (key, value) in log.Parameters)
        {
            if (!ReferenceEquals(_values.Entry(key, value), value))
                return true;
        }
        return false;
    }

    bool HoldsSecret(string text) => !ReferenceEquals(_redactor.Text(text), text);

    /// <summary>Redacts a copy of the entries, and sets on <paramref name="target"/> only the values that changed.</summary>
    static void Entries<TTarget, TValue>(TTarget target, IEnumerable<KeyValuePair<string, TValue>> entries, Func<string, TValue, TValue> redact, Action<TTarget, string, TValue> set)
        where TValue : class?
    {
        foreach (var (key, value) in entries.ToArray())
        {
            var safe = redact(key, value);
            if (!ReferenceEquals(safe, value))
                set(target, key, safe);
        }
    }

    void Contexts(SentryContexts contexts)
    {
        foreach (var key in contexts.Keys.ToArray())
        {
            if (!contexts.TryGetValue(key, out var value))
                continue;
            var safe = _values.Value(value);
            if (!ReferenceEquals(safe, value) && safe is not null)
                contexts[key] = safe;
        }
    }

    void Request(SentryRequest request)
    {
        request.Url = _values.Text(request.Url);
        request.QueryString = _values.Text(request.QueryString);
        if (request.Cookies is not null)
            request.Cookies = SecretMask.Marker;
        if (request.Data is { } data)
            request.Data = _values.Value(data);
        Strings(request.Headers);
        Strings(request.Env);
        Strings(request.Other);
    }

    void Strings(IDictionary<string, string> entries) => Entries(entries, entries, _text, static (d, key, value) => d[key] = value);

    /// <summary>With personal data off, what identifies a person beyond the app's own user id goes, whoever set it.</summary>
    void User(SentryUser user)
    {
        if (!_redactor.SendDefaultPii)
        {
            if (user.Email is { } email)
                user.Email = MaskedEmail(email);
            user.IpAddress = null;
            foreach (var key in user.Other.Keys.ToArray())
                user.Other[key] = SecretMask.Marker;
            return;
        }
        Strings(user.Other);
    }

    /// <summary>The address with its local part masked (the domain stays, as in free text); anything else masked whole.</summary>
    string MaskedEmail(string email)
    {
        var masked = _redactor.Text(email);
        return ReferenceEquals(masked, email) ? SecretMask.Marker : masked;
    }

    /// <summary>
    /// A breadcrumb that needs redacting is replaced by a copy rebuilt from its own JSON (breadcrumbs are
    /// immutable; the JSON keeps the timestamp). Every event carries the scope's breadcrumbs again, so each
    /// one's verdict (itself or its copy) is kept for as long as it lives.
    /// </summary>
    void Breadcrumbs(IReadOnlyCollection<Breadcrumb> breadcrumbs)
    {
        if (breadcrumbs is not IList<Breadcrumb> { IsReadOnly: false } list)
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
        (crumb.Message is { } message && HoldsSecret(message))
        || (crumb.Data?.Any(d => _redactor.IsSensitiveKey(d.Key) || HoldsSecret(d.Value)) ?? false);

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
                "message" => _redactor.Text(property.Value.GetString() ?? ""),
                "data" => property.Value.EnumerateObject().ToDictionary(
                    d => d.Name,
                    d => _redactor.Entry(d.Name, d.Value.ValueKind == JsonValueKind.String ? d.Value.GetString() ?? "" : d.Value.GetRawText())),
                _ => property.Value.Clone(),
            };
        }
        return Breadcrumb.FromJson(JsonSerializer.SerializeToElement(redacted));
    }
}
