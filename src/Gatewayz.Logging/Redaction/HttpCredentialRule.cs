using System.Buffers;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Finds the credential after an HTTP authorization scheme — <c>Bearer &lt;token&gt;</c>,
/// <c>Basic &lt;base64&gt;</c> — as logged headers and curl commands carry it. The scheme word stays, so the
/// reader still sees what kind of credential was sent. Prose ("the bearer of", "basic plan") passes: a
/// bearer token must look like a token, a basic credential must decode to <c>user:password</c>.
/// </summary>
sealed class HttpCredentialRule : ISecretRule
{
    static readonly SearchValues<char> SchemeStart = SearchValues.Create("bB");

    /// <summary>RFC 7235 token68 characters, without the trailing <c>=</c> padding.</summary>
    static readonly SearchValues<char> Token68 =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/");

    public RuleNeeds Needs { get; } = new(TextTrait.LetterB);

    public void Scan(ReadOnlySpan<char> text, ref HitCollector hits)
    {
        var position = 0;
        while (position < text.Length)
        {
            var found = text[position..].IndexOfAny(SchemeStart);
            if (found < 0)
                return;
            var start = position + found;
            position = start + 1;
            if (!SecretChars.IsWordStart(text, start))
                continue;

            var isBearer = text[start..].StartsWith("bearer", StringComparison.OrdinalIgnoreCase);
            if (!isBearer && !text[start..].StartsWith("basic", StringComparison.OrdinalIgnoreCase))
                continue;

            var credentialStart = start + (isBearer ? 6 : 5);
            var blanks = credentialStart;
            while (blanks < text.Length && SecretChars.IsBlank(text[blanks]))
                blanks++;
            if (blanks == credentialStart)
                continue;
            credentialStart = blanks;

            var credentialEnd = SkipPadding(text, SecretChars.EndOfRun(text, credentialStart, isBearer ? Token68 : SecretChars.Base64));
            var credential = text[credentialStart..credentialEnd];
            if (isBearer ? !LooksLikeToken(credential) : !BasicCredential.IsLikely(credential))
                continue;

            hits.Add(credentialStart, credential.Length, isBearer ? SecretMask.VisiblePrefixFor(credential.Length) : 0);
            position = credentialEnd;
        }
    }

    static int SkipPadding(ReadOnlySpan<char> text, int end)
    {
        while (end < text.Length && text[end] == '=')
            end++;
        return end;
    }

    /// <summary>A long token, or a shorter one with a digit or symbol: not an English word.</summary>
    static bool LooksLikeToken(ReadOnlySpan<char> credential) =>
        credential.Length >= SecretMask.MinLengthForPrefix
        || (credential.Length >= 8 && credential.IndexOfAnyExcept(SecretChars.Letters) >= 0);
}
