namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Finds JSON Web Tokens: base64url segments joined by dots, the first starting with <c>eyJ</c> (the
/// encoding of <c>{"</c>). Three segments for a signed token, five for an encrypted one, and
/// <c>header.payload.</c> for an unsigned one. The start of the header may stay visible; it names only the
/// algorithm.
/// </summary>
sealed class JwtRule : ISecretRule
{
    const string Header = "eyJ";
    const int MinHeaderLength = 4;
    const int MaxSegments = 5;

    public RuleNeeds Needs { get; } = new(TextTrait.UpperJ, minDots: 1);

    public void Scan(ReadOnlySpan<char> text, ref HitCollector hits)
    {
        var position = 0;
        while (position < text.Length)
        {
            var found = text[position..].IndexOf(Header, StringComparison.Ordinal);
            if (found < 0)
                return;
            var first = position + found;
            var headerEnd = SecretChars.EndOfRun(text, first, SecretChars.KeyChars);
            position = headerEnd;
            var tokenEnd = TokenEnd(text, headerEnd);
            if (tokenEnd < 0)
                continue;

            // Every "eyJ" inside this header run shares the rest of the token: the first one that starts a word wins.
            for (var start = first; start >= 0 && headerEnd - start >= MinHeaderLength; start = NextHeader(text, start, headerEnd))
            {
                if (!SecretChars.IsWordStart(text, start))
                    continue;
                hits.Add(start, tokenEnd - start, SecretMask.VisiblePrefixFor(tokenEnd - start));
                position = tokenEnd;
                break;
            }
        }
    }

    static int NextHeader(ReadOnlySpan<char> text, int start, int headerEnd)
    {
        var next = text[(start + 1)..headerEnd].IndexOf(Header, StringComparison.Ordinal);
        return next < 0 ? -1 : start + 1 + next;
    }

    /// <summary>Where the token whose header ends at <paramref name="headerEnd"/> ends, or -1 when it is no token.</summary>
    static int TokenEnd(ReadOnlySpan<char> text, int headerEnd)
    {
        var cursor = headerEnd;
        var segments = 1;
        var payloadStart = -1;
        while (segments < MaxSegments && cursor < text.Length && text[cursor] == '.')
        {
            var segmentEnd = SecretChars.EndOfRun(text, cursor + 1, SecretChars.KeyChars);
            if (segmentEnd == cursor + 1)
            {
                // An empty signature: "header.payload." is an unsigned token when the payload is JSON too.
                if (segments == 2 && text[payloadStart..].StartsWith(Header, StringComparison.Ordinal))
                    return segmentEnd;
                break;
            }
            if (segments == 1)
                payloadStart = cursor + 1;
            segments++;
            cursor = segmentEnd;
        }
        return segments >= 3 ? cursor : -1;
    }
}
