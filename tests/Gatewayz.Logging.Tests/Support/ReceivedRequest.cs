using System.Globalization;

namespace Gatewayz.Logging.Tests.Support;

/// <summary>One request as <see cref="FaultySentryEndpoint"/> saw it.</summary>
/// <param name="Sequence">1 for the first request the endpoint read, and so on.</param>
/// <param name="ConnectionId">Which connection carried it (1 for the first accepted).</param>
/// <param name="Elapsed">Time since the endpoint started (<see cref="FaultySentryEndpoint.Elapsed"/>), when its head was read.</param>
/// <param name="Behavior">The behaviour in force when its head was read, which decided what happened to it.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Target">The request target (path and query).</param>
/// <param name="StatusCode">The status answered; null when no response was sent (hang, reset).</param>
/// <param name="BodyBytes">Body bytes read off the wire (after de-chunking, before decompression).</param>
/// <param name="BodyComplete">Whether the whole body was read.</param>
/// <param name="ContentEncoding">The Content-Encoding header, or null.</param>
/// <param name="Chunked">Whether the body used chunked transfer encoding.</param>
/// <param name="ItemTypes">The envelope's item types, when the envelope was read and parsed.</param>
/// <param name="EventIds">The ids of the envelope's error events (<c>event</c> items), when parsed.</param>
/// <param name="Note">Why the body could not be parsed, or other detail; null when nothing to say.</param>
public sealed record ReceivedRequest(
    long Sequence,
    long ConnectionId,
    TimeSpan Elapsed,
    EndpointBehavior Behavior,
    string Method,
    string Target,
    int? StatusCode,
    long BodyBytes,
    bool BodyComplete,
    string? ContentEncoding,
    bool Chunked,
    IReadOnlyList<string> ItemTypes,
    IReadOnlyList<string> EventIds,
    string? Note)
{
    /// <summary>Whether the envelope carried at least one error event.</summary>
    public bool HasErrorEvent => ItemTypes.Contains("event", StringComparer.Ordinal);

    /// <summary>One line for assertion messages.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"#{Sequence} conn {ConnectionId} at {Elapsed.TotalMilliseconds:F0} ms {Behavior} {Method} {Target} -> {StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "no response"}, ") +
        $"{BodyBytes} bytes{(BodyComplete ? "" : " (partial)")}{(ContentEncoding is null ? "" : $" {ContentEncoding}")}{(Chunked ? " chunked" : "")}, " +
        $"items [{string.Join(",", ItemTypes)}]{(Note is null ? "" : $" ({Note})")}";
}
