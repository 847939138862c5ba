using System.Buffers;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Personal data: finds e-mail addresses and filters the part before <c>@</c>, keeping the domain
/// (<c>[Filtered]@example.com</c>) so that a reader can still tell a customer's address from a
/// colleague's. The domain must have a dot and an alphabetic top-level label.
/// </summary>
sealed class EmailAddressRule : ISecretRule
{
    static readonly SearchValues<char> LocalChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-");

    static readonly SearchValues<char> DomainChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-");

    public RuleNeeds Needs { get; } = new(TextTrait.At);

    public void Scan(ReadOnlySpan<char> text, ref HitCollector hits)
    {
        var position = 0;
        while (position < text.Length)
        {
            var found = text[position..].IndexOf('@');
            if (found < 0)
                return;
            var at = position + found;

            // Looking back stops at the previous domain, so every character is looked at once.
            var localStart = at;
            while (localStart > position && LocalChars.Contains(text[localStart - 1]))
                localStart--;
            var domainEnd = SecretChars.EndOfRun(text, at + 1, DomainChars);
            position = domainEnd == at + 1 ? at + 1 : domainEnd;

            if (localStart < at && IsDomain(text[(at + 1)..domainEnd]))
                hits.Add(localStart, at - localStart, 0);
        }
    }

    /// <summary>Labels joined by single dots, at least two, the last one alphabetic; a trailing dot ends a sentence.</summary>
    static bool IsDomain(ReadOnlySpan<char> domain)
    {
        domain = domain.TrimEnd('.');
        var lastDot = domain.LastIndexOf('.');
        if (lastDot <= 0 || domain[0] is '.' or '-' || domain.Contains("..", StringComparison.Ordinal))
            return false;
        var topLevel = domain[(lastDot + 1)..];
        return IsAsciiLetters(topLevel);
    }

    static bool IsAsciiLetters(ReadOnlySpan<char> label)
    {
        if (label.Length < 2)
            return false;
        foreach (var c in label)
        {
            if (!char.IsAsciiLetter(c))
                return false;
        }
        return true;
    }
}
