namespace Gatewayz.Logging.Tests.Support;

/// <summary>A consistent copy of what a <see cref="FaultySentryEndpoint"/> has counted so far.</summary>
/// <param name="Elapsed">Time since the endpoint started, when the copy was taken.</param>
/// <param name="Behavior">The behaviour in force.</param>
/// <param name="ConnectionsAccepted">TCP connections accepted (refused ones never reach the endpoint).</param>
/// <param name="ConnectionsRejected">Connections reset at once because <see cref="FaultySentryEndpointOptions.MaxConnections"/> were open.</param>
/// <param name="RequestsByBehavior">Requests whose head was read, by the behaviour in force then.</param>
/// <param name="EnvelopesRead">Requests whose body was read completely and parsed as an envelope, whatever the answer.</param>
/// <param name="EnvelopesAccepted">Envelopes answered with 200.</param>
/// <param name="AcceptedEvents">Error events in envelopes answered with 200, in order, repeats included.</param>
/// <param name="AcceptedItemTypes">Envelope items answered with 200, by item type.</param>
/// <param name="Requests">Every request, in the order their handling finished (a hung one is listed when its head is read).</param>
/// <param name="StopReason">Why the endpoint stopped, or null while it runs.</param>
public sealed record EndpointSnapshot(
    TimeSpan Elapsed,
    EndpointBehavior Behavior,
    int ConnectionsAccepted,
    int ConnectionsRejected,
    IReadOnlyDictionary<EndpointBehavior, int> RequestsByBehavior,
    int EnvelopesRead,
    int EnvelopesAccepted,
    IReadOnlyList<ParsedEnvelopeItem> AcceptedEvents,
    IReadOnlyDictionary<string, int> AcceptedItemTypes,
    IReadOnlyList<ReceivedRequest> Requests,
    string? StopReason)
{
    /// <summary>Requests whose head was read, whatever happened next.</summary>
    public int TotalRequests => RequestsByBehavior.Values.Sum();

    /// <summary>Ids of the accepted error events, in order, repeats included.</summary>
    public IReadOnlyList<string> AcceptedEventIds => AcceptedEvents.Select(e => e.EventId!).ToList();

    /// <summary>Rendered messages of the accepted error events, in order, repeats included.</summary>
    public IReadOnlyList<string?> AcceptedMessages => AcceptedEvents.Select(e => e.Message).ToList();

    /// <summary>Ids accepted more than once (each listed once).</summary>
    public IReadOnlyList<string> DuplicateEventIds =>
        AcceptedEventIds.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

    /// <summary>Distinct error events accepted.</summary>
    public int DistinctEventCount => AcceptedEventIds.Distinct(StringComparer.Ordinal).Count();

    /// <summary>Requests handled under <paramref name="behavior"/> (0 when none).</summary>
    public int RequestsUnder(EndpointBehavior behavior) => RequestsByBehavior.GetValueOrDefault(behavior);

    /// <summary>Requests answered with <paramref name="statusCode"/>.</summary>
    public int RequestsAnswered(int statusCode) => Requests.Count(r => r.StatusCode == statusCode);

    /// <summary>Requests whose head arrived in [<paramref name="from"/>, <paramref name="to"/>) of endpoint time.</summary>
    public IReadOnlyList<ReceivedRequest> RequestsBetween(TimeSpan from, TimeSpan to) =>
        Requests.Where(r => r.Elapsed >= from && r.Elapsed < to).OrderBy(r => r.Elapsed).ToList();

    /// <summary>One line for assertion messages.</summary>
    public override string ToString() =>
        $"behavior={Behavior} connections={ConnectionsAccepted} requests={TotalRequests} " +
        $"[{string.Join(", ", RequestsByBehavior.Select(p => $"{p.Key}={p.Value}"))}] envelopesRead={EnvelopesRead} " +
        $"accepted={EnvelopesAccepted} events={AcceptedEvents.Count} duplicates={DuplicateEventIds.Count} " +
        $"items=[{string.Join(", ", AcceptedItemTypes.Select(p => $"{p.Key}={p.Value}"))}] stop={StopReason ?? "-"}";
}
