using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Gatewayz.Logging.EndToEndTests.Support;

/// <summary>One envelope as the sidecar streams it: <c>[header, [[itemHeader, payload], ...]]</c>.</summary>
/// <param name="StreamId">The sidecar's id for this received envelope (SSE <c>id:</c>, also <c>header.__spotlight_envelope_id</c>); unique per POST.</param>
/// <param name="ContentType">The SSE event name: the content type the envelope was POSTed with, e.g. <c>application/x-sentry-envelope</c>.</param>
/// <param name="Header">The envelope header as sent, plus the sidecar's <c>__spotlight_*</c> fields.</param>
/// <param name="Items">The items, in order.</param>
public sealed record SpotlightEnvelope(string? StreamId, string ContentType, JsonElement Header, IReadOnlyList<SpotlightEnvelopeItem> Items)
{
    /// <summary>The envelope header's <c>event_id</c>, if any.</summary>
    public string? EventId =>
        Header.ValueKind == JsonValueKind.Object && Header.TryGetProperty("event_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    /// <summary>Parses one SSE <c>data:</c> payload of <c>GET /stream</c>.</summary>
    public static SpotlightEnvelope Parse(string? streamId, string contentType, string data)
    {
        using var doc = JsonDocument.Parse(data);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 2 || root[1].ValueKind != JsonValueKind.Array)
            throw new FormatException("expected [header, [[itemHeader, payload], ...]]");
        var items = new List<SpotlightEnvelopeItem>();
        foreach (var item in root[1].EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() < 2)
                throw new FormatException("expected an item as [itemHeader, payload]");
            var itemHeader = item[0];
            var type = itemHeader.ValueKind == JsonValueKind.Object && itemHeader.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
                ? t.GetString() ?? ""
                : "";
            items.Add(new SpotlightEnvelopeItem(type, itemHeader.Clone(), item[1].Clone()));
        }
        return new SpotlightEnvelope(streamId, contentType, root[0].Clone(), items);
    }

    /// <summary>A one-line summary for failure messages.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"envelope {StreamId} event_id={EventId ?? "-"} [{ContentType}]:");
        foreach (var item in Items)
            text.Append(' ').Append(item.ToString()).Append(';');
        return text.ToString();
    }
}
