using System.Text.Json;

namespace Gatewayz.Logging.Tests.Support;

/// <summary>
/// Reads Sentry's envelope format: a JSON header line, then for each item a JSON header line
/// (<c>type</c>, optional <c>length</c>) followed by its payload — <c>length</c> bytes when given,
/// else up to the next newline.
/// </summary>
public static class EnvelopeParser
{
    public static ParsedEnvelope Parse(ReadOnlyMemory<byte> body)
    {
        var position = 0;
        var items = new List<ParsedEnvelopeItem>();
        string? envelopeEventId;
        try
        {
            var header = NextLine(body, ref position);
            if (header.IsEmpty)
                return new(null, items, "empty envelope");
            using (var document = JsonDocument.Parse(header))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    return new(null, items, "envelope header is not a JSON object");
                envelopeEventId = EventId(document.RootElement);
            }

            while (position < body.Length)
            {
                var itemHeader = NextLine(body, ref position);
                if (itemHeader.IsEmpty)
                {
                    if (position >= body.Length)
                        break; // a trailing newline
                    return new(envelopeEventId, items, "empty item header");
                }

                string type;
                int? length = null;
                using (var document = JsonDocument.Parse(itemHeader))
                {
                    var root = document.RootElement;
                    if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
                        return new(envelopeEventId, items, "item header without a string 'type'");
                    type = typeElement.GetString()!;
                    if (root.TryGetProperty("length", out var lengthElement))
                    {
                        if (!lengthElement.TryGetInt32(out var declared) || declared < 0)
                            return new(envelopeEventId, items, $"item '{type}' has a bad 'length'");
                        length = declared;
                    }
                }

                ReadOnlyMemory<byte> payload;
                if (length is { } size)
                {
                    if (position + size > body.Length)
                        return new(envelopeEventId, items, $"item '{type}' declares {size} bytes, fewer remain");
                    payload = body.Slice(position, size);
                    position += size;
                    if (position < body.Length)
                    {
                        if (body.Span[position] != (byte)'\n')
                            return new(envelopeEventId, items, $"item '{type}' payload not followed by a newline");
                        position++;
                    }
                }
                else
                    payload = NextLine(body, ref position);

                items.Add(type == "event" ? Event(payload, envelopeEventId) : new ParsedEnvelopeItem(type, payload.Length));
            }
        }
        catch (JsonException e)
        {
            return new(null, items, $"bad JSON: {e.Message}");
        }
        return new(envelopeEventId, items, null);
    }

    /// <summary>Normalises an event id: no dashes, lowercase.</summary>
    public static string NormalizeEventId(string id) => id.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    static ParsedEnvelopeItem Event(ReadOnlyMemory<byte> payload, string? envelopeEventId)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            return new ParsedEnvelopeItem("event", payload.Length, envelopeEventId);
        var message = root.TryGetProperty("logentry", out var entry) && entry.ValueKind == JsonValueKind.Object
            && entry.TryGetProperty("formatted", out var formatted) && formatted.ValueKind == JsonValueKind.String
            ? formatted.GetString()
            : null;
        return new ParsedEnvelopeItem("event", payload.Length, EventId(root) ?? envelopeEventId, message);
    }

    static string? EventId(JsonElement element) =>
        element.TryGetProperty("event_id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } text
            ? NormalizeEventId(text)
            : null;

    static ReadOnlyMemory<byte> NextLine(ReadOnlyMemory<byte> body, ref int position)
    {
        var rest = body[position..];
        var newline = rest.Span.IndexOf((byte)'\n');
        if (newline < 0)
        {
            position = body.Length;
            return TrimCarriageReturn(rest);
        }
        position += newline + 1;
        return TrimCarriageReturn(rest[..newline]);
    }

    static ReadOnlyMemory<byte> TrimCarriageReturn(ReadOnlyMemory<byte> line) =>
        !line.IsEmpty && line.Span[^1] == (byte)'\r' ? line[..^1] : line;
}
