using System.Buffers;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Finds the password in a URL's user information, <c>scheme://user:password@host</c>, as database and
/// cache connection URLs carry it. The user stays; the password goes. The last <c>@</c> before the path
/// ends the user information, so a password containing <c>@</c> is still covered.
/// </summary>
sealed class UrlPasswordRule : ISecretRule
{
    /// <summary>Characters that end a URL's authority (or the URL itself, in prose and JSON).</summary>
    static readonly SearchValues<char> AuthorityEnd = SearchValues.Create("/?#\\\"<> \t\r\n");

    public RuleNeeds Needs { get; } = new(TextTrait.Colon | TextTrait.At);

    public void Scan(ReadOnlySpan<char> text, ref HitCollector hits)
    {
        var position = 0;
        while (position < text.Length)
        {
            var found = text[position..].IndexOf("://", StringComparison.Ordinal);
            if (found < 0)
                return;
            var authorityStart = position + found + 3;
            var length = text[authorityStart..].IndexOfAny(AuthorityEnd);
            var authorityEnd = length < 0 ? text.Length : authorityStart + length;

            var at = text[authorityStart..authorityEnd].LastIndexOf('@');
            if (at > 0)
            {
                var userInfo = text.Slice(authorityStart, at);
                var colon = userInfo.IndexOf(':');
                if (colon >= 0)
                    hits.Add(authorityStart + colon + 1, userInfo.Length - colon - 1, 0);
            }

            // The next "://" may begin with the authority's last character (":" followed by "//").
            position = Math.Max(authorityStart, authorityEnd - 1);
        }
    }
}
