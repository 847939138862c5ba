using System.Text.Json;
using Sentry;

namespace Gatewayz.Logging.Testing;

/// <summary>
/// An error event exactly as the Sentry SDK serialized it for sending, readable as plain values.
/// </summary>
/// <example>
/// <code>
/// var evt = sentry.Events.Single();
/// Assert.Equal("error", evt.Level);
/// Assert.Equal("openrouter", evt.Tags["provider"]);
/// Assert.Equal("gpt-4o", evt.Contexts["provider"]["model"]);
/// </code>
/// </example>
public sealed class CapturedEvent
{
    internal CapturedEvent(JsonElement json) => Json = json;

    /// <summary>The serialized event.</summary>
    public JsonElement Json { get; }

    /// <summary>The event id.</summary>
    public SentryId EventId => Guid.TryParse(JsonPlain.String(Json, "event_id"), out var id) ? new SentryId(id) : SentryId.Empty;

    /// <summary>When the event happened, as the SDK serialized it (for the library's events, the moment of the log call).</summary>
    public DateTimeOffset? Timestamp => Json.TryGetProperty("timestamp", out var timestamp) && timestamp.ValueKind == JsonValueKind.String && timestamp.TryGetDateTimeOffset(out var value) ? value : null;

    /// <summary>The level on the wire: <c>debug</c>, <c>info</c>, <c>warning</c>, <c>error</c> or <c>fatal</c>.</summary>
    public string? Level => JsonPlain.String(Json, "level");

    /// <summary>The message template (<c>logentry.message</c>).</summary>
    public string? Message => Json.TryGetProperty("logentry", out var entry) ? JsonPlain.String(entry, "message") : null;

    /// <summary>The rendered message (<c>logentry.formatted</c>).</summary>
    public string? Formatted => Json.TryGetProperty("logentry", out var entry) ? JsonPlain.String(entry, "formatted") : null;

    /// <summary>The logger name.</summary>
    public string? Logger => JsonPlain.String(Json, "logger");

    /// <summary>The environment.</summary>
    public string? Environment => JsonPlain.String(Json, "environment");

    /// <summary>The release.</summary>
    public string? Release => JsonPlain.String(Json, "release");

    /// <summary>The tags.</summary>
    public IReadOnlyDictionary<string, string> Tags =>
        Json.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Object
            ? tags.EnumerateObject().ToDictionary(t => t.Name, t => t.Value.GetString() ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>();

    /// <summary>The contexts, each as a dictionary of plain values (numbers as <c>long</c> or <c>decimal</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> Contexts =>
        Json.TryGetProperty("contexts", out var contexts) && contexts.ValueKind == JsonValueKind.Object
            ? contexts.EnumerateObject().ToDictionary(c => c.Name, c => JsonPlain.ToDictionary(c.Value), StringComparer.Ordinal)
            : new Dictionary<string, IReadOnlyDictionary<string, object?>>();

    /// <summary>The user, when the event has one.</summary>
    public CapturedUser? User =>
        Json.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object
            ? new CapturedUser(JsonPlain.String(user, "id"), JsonPlain.String(user, "username"), JsonPlain.String(user, "email"), JsonPlain.String(user, "ip_address"))
            : null;

    /// <summary>The exceptions, innermost first, as Sentry orders them.</summary>
    public IReadOnlyList<CapturedExceptionInfo> Exceptions =>
        Json.TryGetProperty("exception", out var exception) && exception.TryGetProperty("values", out var values)
            ? values.EnumerateArray().Select(ReadException).ToArray()
            : [];

    /// <summary>The exception that was logged (the outermost), or null.</summary>
    public CapturedExceptionInfo? Exception => Exceptions.Count > 0 ? Exceptions[^1] : null;

    /// <summary>The breadcrumbs, oldest first.</summary>
    public IReadOnlyList<CapturedBreadcrumb> Breadcrumbs =>
        Json.TryGetProperty("breadcrumbs", out var crumbs)
            ? (crumbs.ValueKind == JsonValueKind.Array ? crumbs : crumbs.GetProperty("values")).EnumerateArray().Select(ReadBreadcrumb).ToArray()
            : [];

    /// <summary>The request data (<c>url</c>, <c>method</c>, <c>headers</c>...), as plain values.</summary>
    public IReadOnlyDictionary<string, object?> Request =>
        Json.TryGetProperty("request", out var request) ? JsonPlain.ToDictionary(request) : new Dictionary<string, object?>();

    /// <summary>A one-line summary (level, message, tags, the library's contexts), for assertion messages; <see cref="Json"/> holds everything.</summary>
    public override string ToString()
    {
        var contexts = Contexts.Where(c => !SdkContexts.Contains(c.Key)).Select(c => $"{c.Key}={{{string.Join(", ", c.Value.Select(f => $"{f.Key}: {f.Value}"))}}}");
        return $"[{Level}] {Formatted ?? Message} tags={{{string.Join(", ", Tags.Select(t => $"{t.Key}: {t.Value}"))}}} {string.Join(" ", contexts)}";
    }

    static readonly HashSet<string> SdkContexts = ["Current Culture", "Current UI Culture", "Memory Info", "ThreadPool Info", "Dynamic Code", "app", "device", "os", "runtime", "trace"];

    static CapturedExceptionInfo ReadException(JsonElement e)
    {
        var mechanism = e.TryGetProperty("mechanism", out var m) ? m : default;
        bool? handled = mechanism.ValueKind == JsonValueKind.Object && mechanism.TryGetProperty("handled", out var h) && h.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? h.GetBoolean()
            : null;
        var frames = e.TryGetProperty("stacktrace", out var st) && st.TryGetProperty("frames", out var f) ? f.GetArrayLength() : 0;
        return new CapturedExceptionInfo(JsonPlain.String(e, "type"), JsonPlain.String(e, "value"), handled, JsonPlain.String(mechanism, "type"), frames);
    }

    static CapturedBreadcrumb ReadBreadcrumb(JsonElement b)
    {
        var data = b.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object
            ? d.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText(), StringComparer.Ordinal)
            : new Dictionary<string, string?>();
        return new CapturedBreadcrumb(JsonPlain.String(b, "message"), JsonPlain.String(b, "category"), JsonPlain.String(b, "level"), JsonPlain.String(b, "type"), data);
    }
}
