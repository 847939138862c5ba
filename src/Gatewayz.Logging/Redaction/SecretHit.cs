namespace Gatewayz.Logging.Redaction;

/// <summary>
/// A stretch of text that a rule found to be secret, and how many of its first characters may stay
/// visible (the key-prefix rule: <c>sk-or-v1[Filtered]</c>).
/// </summary>
readonly record struct SecretHit(int Start, int Length, int VisiblePrefix)
{
    /// <summary>The index just after the secret.</summary>
    public int End => Start + Length;
}
