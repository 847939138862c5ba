namespace Gatewayz.Gateway.Providers;

/// <summary>An OpenAI-style chat request; the model is <c>provider/model</c>, as Gatewayz routes it.</summary>
public sealed record ChatRequest(string Model, IReadOnlyList<ChatMessage>? Messages);

public sealed record ChatMessage(string Role, string Content);

public sealed record ChatReply(string Provider, string Model, string Content);
