namespace Gatewayz.Logging.Redaction;

/// <summary>
/// What a secret becomes: the marker Sentry itself uses, after at most the first eight characters of a
/// key-like secret, so that a reader can still tell which key it was (<c>sk-or-v1[Filtered]</c>) while no
/// nine consecutive characters of it survive.
/// </summary>
static class SecretMask
{
    /// <summary>Replaces the secret, or the part of it after the visible prefix.</summary>
    public const string Marker = "[Filtered]";

    /// <summary>The most characters of a secret that may stay visible.</summary>
    public const int MaxVisiblePrefix = 8;

    /// <summary>A key-like secret shorter than this keeps nothing: eight characters would be half of it.</summary>
    public const int MinLengthForPrefix = 16;

    /// <summary>How many leading characters of a key-like secret of <paramref name="length"/> characters stay.</summary>
    public static int VisiblePrefixFor(int length) => length >= MinLengthForPrefix ? MaxVisiblePrefix : 0;
}
