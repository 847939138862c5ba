namespace Gatewayz.Logging.Tests.Support;

/// <summary>One item of a Sentry envelope: its type and payload size, and for an <c>event</c> its id and message.</summary>
/// <param name="Type">The item type (<c>event</c>, <c>transaction</c>, <c>client_report</c>, ...).</param>
/// <param name="PayloadBytes">The payload's size.</param>
/// <param name="EventId">An event's id, normalised (32 lowercase hex digits); null for other items.</param>
/// <param name="Message">An event's rendered message (<c>logentry.formatted</c>); null for other items.</param>
public sealed record ParsedEnvelopeItem(string Type, int PayloadBytes, string? EventId = null, string? Message = null)
{
    /// <summary>The Sentry data category rate limits apply to (<c>event</c> counts as <c>error</c>, and so on).</summary>
    public string Category => Type switch
    {
        "event" => "error",
        "session" or "sessions" => "session",
        "client_report" => "internal",
        "check_in" => "monitor",
        "log" => "log_item",
        _ => Type,
    };
}
