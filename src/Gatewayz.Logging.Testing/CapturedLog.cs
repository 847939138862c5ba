using System.Text.Json;

namespace Gatewayz.Logging.Testing;

/// <summary>One log line of a <c>log</c> envelope item, as Sentry's Logs receive it.</summary>
public sealed class CapturedLog
{
    internal CapturedLog(JsonElement json)
    {
        Json = json;
        Attributes = json.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object
            ? attributes.EnumerateObject().ToDictionary(
                a => a.Name,
                a => a.Value.ValueKind == JsonValueKind.Object && a.Value.TryGetProperty("value", out var value) ? JsonPlain.ToPlain(value) : null,
                StringComparer.Ordinal)
            : new Dictionary<string, object?>();
    }

    /// <summary>The log line's JSON, whole.</summary>
    public JsonElement Json { get; }

    /// <summary>Its level on the wire: <c>trace</c>, <c>debug</c>, <c>info</c>, <c>warn</c>, <c>error</c> or <c>fatal</c>.</summary>
    public string? Level => JsonPlain.String(Json, "level");

    /// <summary>Its body: the rendered message.</summary>
    public string? Body => JsonPlain.String(Json, "body");

    /// <summary>The trace it belongs to, as the 32 hexadecimal digits Sentry shows.</summary>
    public string? TraceId => JsonPlain.String(Json, "trace_id");

    /// <summary>
    /// Its attributes by name, as plain values: strings, <c>long</c>, <c>double</c> or <c>decimal</c>, <c>bool</c>.
    /// The type Sentry was told is in <see cref="Json"/> (<c>attributes.&lt;name&gt;.type</c>).
    /// </summary>
    public IReadOnlyDictionary<string, object?> Attributes { get; }

    /// <inheritdoc />
    public override string ToString() => $"[{Level}] {Body}";

    internal static IEnumerable<CapturedLog> FromItem(byte[] payload)
    {
        using var document = JsonDocument.Parse(payload);
        if (!document.RootElement.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            return [];
        return items.EnumerateArray().Select(item => new CapturedLog(item.Clone())).ToArray();
    }
}
