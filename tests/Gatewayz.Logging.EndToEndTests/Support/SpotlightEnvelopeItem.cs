using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Gatewayz.Logging.EndToEndTests.Support;

/// <summary>One envelope item: its type (<c>event</c>, <c>transaction</c>, <c>log</c>, <c>client_report</c>, ...), header and payload.</summary>
/// <param name="Type">The item header's <c>type</c>.</param>
/// <param name="Header">The item header.</param>
/// <param name="Payload">The payload as JSON. The sidecar adds <c>"type"</c> to JSON payloads; for attachments it gives <c>{"data": "base64 or text"}</c>; null when it could not parse the payload.</param>
public sealed record SpotlightEnvelopeItem(string Type, JsonElement Header, JsonElement Payload)
{
    /// <summary>A short summary for failure messages.</summary>
    public override string ToString()
    {
        if (Payload.ValueKind != JsonValueKind.Object)
            return Type;
        var parts = new List<string>();
        foreach (var name in new[] { "event_id", "level", "logger", "transaction" })
        {
            if (Payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                parts.Add($"{name}={value.GetString()}");
        }
        if (Payload.TryGetProperty("message", out var message))
        {
            var text = message.ValueKind == JsonValueKind.String ? message.GetString()
                : message.ValueKind == JsonValueKind.Object && message.TryGetProperty("formatted", out var f) ? f.GetString()
                : message.ValueKind == JsonValueKind.Object && message.TryGetProperty("message", out var m) ? m.GetString()
                : null;
            if (text is not null)
                parts.Add($"message=\"{Shorten(text)}\"");
        }
        if (Payload.TryGetProperty("exception", out var exception) && exception.ValueKind == JsonValueKind.Object &&
            exception.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            foreach (var value in values.EnumerateArray())
            {
                var type = value.TryGetProperty("type", out var t) ? t.ToString() : "?";
                var text = value.TryGetProperty("value", out var v) ? v.ToString() : "";
                parts.Add($"exception={type}: {Shorten(text)}");
            }
        }
        if (Payload.TryGetProperty("tags", out var tags) && tags.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            parts.Add($"tags={Shorten(tags.GetRawText())}");
        return parts.Count == 0 ? Type : $"{Type}({string.Join(", ", parts)})";
    }

    static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
