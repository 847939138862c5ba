using System.Text.Json;

namespace Gatewayz.Logging.Testing;

/// <summary>Reads Sentry's envelope format: a header line, then per item a header line and a payload.</summary>
static class EnvelopeReader
{
    public static CapturedEnvelope Read(byte[] bytes)
    {
        var position = 0;
        var header = Parse(TakeLine(bytes, ref position));
        var items = new List<CapturedEnvelopeItem>();

        while (position < bytes.Length)
        {
            var headerLine = TakeLine(bytes, ref position);
            if (headerLine.Length == 0)
                continue;
            var itemHeader = Parse(headerLine);

            byte[] payload;
            if (itemHeader.TryGetProperty("length", out var length) && length.TryGetInt32(out var size))
            {
                payload = bytes.AsSpan(position, size).ToArray();
                position += size;
                if (position < bytes.Length && bytes[position] == (byte)'\n')
                    position++;
            }
            else
            {
                payload = TakeLine(bytes, ref position);
            }

            var type = itemHeader.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
            items.Add(new CapturedEnvelopeItem(type, itemHeader, payload));
        }

        return new CapturedEnvelope(header, items, bytes);
    }

    static JsonElement Parse(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    static byte[] TakeLine(byte[] bytes, ref int position)
    {
        var end = Array.IndexOf(bytes, (byte)'\n', position);
        if (end < 0)
            end = bytes.Length;
        var line = bytes.AsSpan(position, end - position).ToArray();
        position = Math.Min(end + 1, bytes.Length);
        return line;
    }
}
