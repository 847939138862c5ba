using System.Buffers;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Personal data: finds IPv6 addresses — eight hexadecimal groups, or fewer around one <c>::</c>, the last
/// two possibly written as IPv4 — and filters the whole address. Times (<c>09:30:00</c>), MAC addresses
/// and <c>Type::Member</c> pass.
/// </summary>
sealed class Ipv6AddressRule : ISecretRule
{
    static readonly SearchValues<char> AddressChars = SearchValues.Create("0123456789ABCDEFabcdef:.");

    public RuleNeeds Needs { get; } = new(TextTrait.Colon);

    public void Scan(ReadOnlySpan<char> text, ref HitCollector hits)
    {
        var position = 0;
        while (position < text.Length)
        {
            var found = text[position..].IndexOf(':');
            if (found < 0)
                return;
            var colon = position + found;
            var start = colon;
            while (start > position && AddressChars.Contains(text[start - 1]))
                start--;
            var end = SecretChars.EndOfRun(text, colon, AddressChars);
            position = end;

            // A sentence's full stop is not part of the address; nor is a label's colon ("ip:2001:db8::1").
            while (end > start && text[end - 1] == '.')
                end--;
            if (end - start > 2 && text[start] == ':' && text[start + 1] != ':')
                start++;
            if (!IsStandalone(text, start, end) || !IsAddress(text[start..end]) || IsInternal(text[start..end]))
                continue;
            hits.Add(start, end - start, 0);
        }
    }

    /// <summary>Loopback, unspecified, unique-local (fc00::/7) and link-local (fe80::/10) addresses name no person.</summary>
    static bool IsInternal(ReadOnlySpan<char> address) =>
        address is "::1" or "::"
        || (address.Length >= 2 && (address[..2].Equals("fc", StringComparison.OrdinalIgnoreCase) || address[..2].Equals("fd", StringComparison.OrdinalIgnoreCase)))
        || (address.Length >= 4 && address[..2].Equals("fe", StringComparison.OrdinalIgnoreCase) && address[2] is '8' or '9' or 'a' or 'b' or 'A' or 'B');

    static bool IsStandalone(ReadOnlySpan<char> text, int start, int end) =>
        (start == 0 || !(char.IsLetterOrDigit(text[start - 1]) || text[start - 1] == '_')) && SecretChars.IsWordEnd(text, end);

    static bool IsAddress(ReadOnlySpan<char> candidate)
    {
        var compressed = candidate.IndexOf("::", StringComparison.Ordinal);
        if (compressed < 0)
            return CountGroups(candidate, lastMayBeIpv4: true) == 8;
        var head = candidate[..compressed];
        var tail = candidate[(compressed + 2)..];
        if (tail.Contains("::", StringComparison.Ordinal) || (tail.Length > 0 && tail[0] == ':'))
            return false;
        var headGroups = CountGroups(head, lastMayBeIpv4: false);
        var tailGroups = CountGroups(tail, lastMayBeIpv4: true);
        if (headGroups < 0 || tailGroups < 0)
            return false;
        var total = headGroups + tailGroups;
        return total is >= 1 and <= 7;
    }

    /// <summary>The number of 16-bit groups in colon-separated <paramref name="part"/>, or -1 when it is malformed.</summary>
    static int CountGroups(ReadOnlySpan<char> part, bool lastMayBeIpv4)
    {
        if (part.IsEmpty)
            return 0;
        var groups = 0;
        while (true)
        {
            var colon = part.IndexOf(':');
            var group = colon < 0 ? part : part[..colon];
            if (group.Contains('.'))
            {
                if (colon >= 0 || !lastMayBeIpv4 || Ipv4AddressRule.AddressEnd(group, 0) != group.Length)
                    return -1;
                return groups + 2;
            }
            if (group.Length is 0 or > 4)
                return -1;
            if (++groups > 8)
                return -1;
            if (colon < 0)
                return groups;
            part = part[(colon + 1)..];
        }
    }
}
