namespace Gatewayz.Logging.Tests.Support;

/// <summary>What <see cref="HttpConnection.ReadBodyAsync"/> read.</summary>
/// <param name="Kept">The body's first bytes, at most the cap it was given.</param>
/// <param name="TotalBytes">Body bytes read off the wire (after de-chunking).</param>
/// <param name="Complete">Whether the whole body was read.</param>
/// <param name="Truncated">Whether the body was longer than the cap, so <paramref name="Kept"/> is only its start.</param>
/// <param name="Problem">Why the body is not complete, or null.</param>
readonly record struct BodyReadResult(byte[] Kept, long TotalBytes, bool Complete, bool Truncated, string? Problem);
