namespace Gatewayz.Logging.Tests.Support;

/// <summary>A type or member of a Sentry assembly that a compiled assembly refers to, by metadata token.</summary>
public sealed record SentryReference(int Token, bool IsType, string Name);
