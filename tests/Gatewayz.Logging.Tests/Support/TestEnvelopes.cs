using System.IO.Compression;
using System.Text;

namespace Gatewayz.Logging.Tests.Support;

/// <summary>Hand-made Sentry envelopes for driving <see cref="FaultySentryEndpoint"/> without the SDK.</summary>
static class TestEnvelopes
{
    public static string NewEventId() => Guid.NewGuid().ToString("N");

    /// <summary>An envelope with one error event; <paramref name="withLength"/> false leaves the item length out.</summary>
    public static byte[] Event(string eventId, bool withLength = true, int padding = 0)
    {
        var payload = $$$"""{"event_id":"{{{eventId}}}","level":"error","logentry":{"formatted":"m{{{new string('x', padding)}}}"}}""";
        var header = withLength ? $$"""{"type":"event","length":{{Encoding.UTF8.GetByteCount(payload)}}}""" : """{"type":"event"}""";
        return Encoding.UTF8.GetBytes($$"""{"event_id":"{{eventId}}"}""" + "\n" + header + "\n" + payload + "\n");
    }

    /// <summary>An envelope with one session update.</summary>
    public static byte[] Session() =>
        Encoding.UTF8.GetBytes("{}\n{\"type\":\"session\"}\n{\"sid\":\"" + NewEventId() + "\",\"init\":true,\"status\":\"ok\"}\n");

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(bytes);
        return output.ToArray();
    }
}
