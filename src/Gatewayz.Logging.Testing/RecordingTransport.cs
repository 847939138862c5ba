using System.Collections.Concurrent;
using System.Text.Json;
using Sentry.Extensibility;
using Sentry.Protocol.Envelopes;

namespace Gatewayz.Logging.Testing;

/// <summary>
/// A Sentry transport that serializes every envelope as the real HTTP transport would, and keeps
/// it instead of sending it. Set it as <c>SentryOptions.Transport</c>.
/// </summary>
/// <example>
/// <code>
/// var transport = new RecordingTransport();
/// using var sdk = SentrySdk.Init(o => { o.Dsn = SentryCapture.Dsn; o.Transport = transport; });
/// </code>
/// </example>
public sealed class RecordingTransport : ITransport
{
    readonly ConcurrentQueue<CapturedEnvelope> _envelopes = new();

    /// <summary>Every envelope received, in order.</summary>
    public IReadOnlyList<CapturedEnvelope> Envelopes => _envelopes.ToArray();

    /// <summary>Every error event received, in order.</summary>
    public IReadOnlyList<CapturedEvent> Events =>
        _envelopes.SelectMany(e => e.Items)
            .Where(i => i.Type == "event")
            .Select(i => new CapturedEvent(ParseJson(i.Payload)))
            .ToArray();

    /// <summary>Every log line received in <c>log</c> envelope items (Sentry's Logs), in order.</summary>
    public IReadOnlyList<CapturedLog> Logs =>
        _envelopes.SelectMany(e => e.Items)
            .Where(i => i.Type == "log")
            .SelectMany(i => CapturedLog.FromItem(i.Payload))
            .ToArray();

    /// <inheritdoc />
    public async Task SendEnvelopeAsync(Envelope envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        using var stream = new MemoryStream();
        await envelope.SerializeAsync(stream, null, cancellationToken).ConfigureAwait(false);
        _envelopes.Enqueue(EnvelopeReader.Read(stream.ToArray()));
    }

    static JsonElement ParseJson(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Forgets everything received so far.</summary>
    public void Clear() => _envelopes.Clear();
}
