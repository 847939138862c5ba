using System.Text.Json;

namespace Gatewayz.Logging.Testing;

/// <summary>One envelope exactly as the Sentry SDK serialized it for sending.</summary>
/// <param name="Header">The envelope header (event id, SDK, trace).</param>
/// <param name="Items">The items: events, sessions, client reports, attachments.</param>
/// <param name="Bytes">The serialized envelope, as it would go over the wire.</param>
public sealed record CapturedEnvelope(JsonElement Header, IReadOnlyList<CapturedEnvelopeItem> Items, byte[] Bytes);

/// <summary>One item of an envelope.</summary>
/// <param name="Type">The item type: <c>event</c>, <c>session</c>, <c>client_report</c>...</param>
/// <param name="Header">The item header.</param>
/// <param name="Payload">The item payload; JSON for events.</param>
public sealed record CapturedEnvelopeItem(string Type, JsonElement Header, byte[] Payload);
