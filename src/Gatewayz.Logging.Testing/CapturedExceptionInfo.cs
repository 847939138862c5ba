namespace Gatewayz.Logging.Testing;

/// <summary>One exception of an event, as Sentry receives it.</summary>
/// <param name="Type">The exception's full type name.</param>
/// <param name="Value">The exception's message.</param>
/// <param name="Handled">Whether the mechanism marks it handled.</param>
/// <param name="Mechanism">The mechanism type (<c>generic</c>, <c>chained</c>...).</param>
/// <param name="FrameCount">The number of stack frames sent.</param>
public sealed record CapturedExceptionInfo(string? Type, string? Value, bool? Handled, string? Mechanism, int FrameCount);
