namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Finds AWS access key ids: <c>AKIA</c> (long-term) or <c>ASIA</c> (temporary) followed by exactly 16
/// upper-case letters and digits, as a word of its own.
/// </summary>
sealed class AwsAccessKeyRule : ISecretRule
{
    const int PrefixLength = 4;
    const int KeyLength = 20;

    public RuleNeeds Needs { get; } = new(TextTrait.UpperA, minLength: KeyLength);

    public void Scan(ReadOnlySpan<char> text, ref HitCollector hits)
    {
        Scan(text, "AKIA", ref hits);
        Scan(text, "ASIA", ref hits);
    }

    static void Scan(ReadOnlySpan<char> text, string prefix, ref HitCollector hits)
    {
        var position = 0;
        while (position < text.Length)
        {
            var found = text[position..].IndexOf(prefix, StringComparison.Ordinal);
            if (found < 0)
                return;
            var start = position + found;
            if (IsKey(text, start))
            {
                hits.Add(start, KeyLength, SecretMask.VisiblePrefixFor(KeyLength));
                position = start + KeyLength;
            }
            else
            {
                position = start + PrefixLength;
            }
        }
    }

    static bool IsKey(ReadOnlySpan<char> text, int start)
    {
        if (start + KeyLength > text.Length || !SecretChars.IsWordStart(text, start) || !SecretChars.IsWordEnd(text, start + KeyLength))
            return false;
        foreach (var c in text.Slice(start + PrefixLength, KeyLength - PrefixLength))
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
                return false;
        }
        return true;
    }
}
