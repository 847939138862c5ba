namespace Gatewayz.Logging.Tests.Support;

/// <summary>A Sentry envelope as <see cref="EnvelopeParser"/> read it.</summary>
/// <param name="EventId">The envelope header's <c>event_id</c>, normalised, or null.</param>
/// <param name="Items">The items read, in order (all of them when <paramref name="Error"/> is null).</param>
/// <param name="Error">Why the envelope is malformed, or null.</param>
public sealed record ParsedEnvelope(string? EventId, IReadOnlyList<ParsedEnvelopeItem> Items, string? Error)
{
    public bool IsValid => Error is null;

    /// <summary>The error events (<c>event</c> items) it carries.</summary>
    public IReadOnlyList<ParsedEnvelopeItem> Events => Items.Where(i => i.Type == "event" && i.EventId is not null).ToList();
}
