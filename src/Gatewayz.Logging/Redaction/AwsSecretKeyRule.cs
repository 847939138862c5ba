using System.Buffers;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Finds AWS secret access keys by their shape: exactly 40 characters of base64 (<c>A-Z a-z 0-9 / +</c>)
/// standing alone, mixed as random keys are (at least four upper-case letters, four lower-case letters and
/// a digit, few slashes). Hex digests, commit ids, words and paths do not have that mix. Filtered whole.
/// </summary>
sealed class AwsSecretKeyRule : ISecretRule
{
    const int KeyLength = 40;
    const int MinUpper = 4;
    const int MinLower = 4;
    const int MaxSymbols = 4;

    /// <summary>Characters that make a run part of a longer token when they touch it.</summary>
    static readonly SearchValues<char> Joiners = SearchValues.Create("=_-.%");

    public RuleNeeds Needs { get; } = new(minDigits: 1, minLength: KeyLength);

    public void Scan(ReadOnlySpan<char> text, ref HitCollector hits)
    {
        var position = 0;
        while (position <= text.Length - KeyLength)
        {
            var found = text[position..].IndexOfAny(SecretChars.Base64);
            if (found < 0)
                return;
            var start = position + found;
            var length = text[start..].IndexOfAnyExcept(SecretChars.Base64);
            var end = length < 0 ? text.Length : start + length;
            position = end;
            if (end - start == KeyLength && Stands(text, start, end) && IsMixed(text[start..end]))
                hits.Add(start, KeyLength, 0);
        }
    }

    static bool Stands(ReadOnlySpan<char> text, int start, int end) =>
        (start == 0 || !Joiners.Contains(text[start - 1])) && (end == text.Length || !Joiners.Contains(text[end]));

    static bool IsMixed(ReadOnlySpan<char> run)
    {
        int upper = 0, lower = 0, digits = 0, symbols = 0;
        foreach (var c in run)
        {
            if (char.IsAsciiLetterUpper(c))
                upper++;
            else if (char.IsAsciiLetterLower(c))
                lower++;
            else if (char.IsAsciiDigit(c))
                digits++;
            else
                symbols++;
        }
        return upper >= MinUpper && lower >= MinLower && digits >= 1 && symbols <= MaxSymbols && run[0] != '/' && run[^1] != '/';
    }
}
