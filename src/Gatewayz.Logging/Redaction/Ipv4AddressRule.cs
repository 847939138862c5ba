namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Personal data: finds IPv4 addresses (four dot-separated numbers up to 255, standing alone) and filters
/// the whole address. Version numbers with fewer parts, and parts of longer dotted numbers, pass. So do
/// addresses that name no person: loopback, unspecified, private and link-local ranges, where the
/// service itself listens and talks to its own backends.
/// </summary>
sealed class Ipv4AddressRule : ISecretRule
{
    public RuleNeeds Needs { get; } = new(minDigits: 4, minDots: 3);

    public void Scan(ReadOnlySpan<char> text, ref HitCollector hits)
    {
        var position = 0;
        while (position < text.Length)
        {
            var found = text[position..].IndexOfAny(SecretChars.Digits);
            if (found < 0)
                return;
            var start = position + found;
            var end = IsAddressStart(text, start) ? AddressEnd(text, start) : -1;
            if (end > 0)
            {
                if (!IsInternal(text[start..end]))
                    hits.Add(start, end - start, 0);
                position = end;
                continue;
            }
            position = start;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
                position++;
        }
    }

    /// <summary>127/8, 0.0.0.0, 10/8, 172.16/12, 192.168/16 and 169.254/16.</summary>
    static bool IsInternal(ReadOnlySpan<char> address)
    {
        Span<Range> parts = stackalloc Range[4];
        address.Split(parts, '.');
        var first = int.Parse(address[parts[0]], provider: System.Globalization.CultureInfo.InvariantCulture);
        var second = int.Parse(address[parts[1]], provider: System.Globalization.CultureInfo.InvariantCulture);
        return first is 127 or 10
            || address is "0.0.0.0"
            || (first == 172 && second is >= 16 and <= 31)
            || (first == 192 && second == 168)
            || (first == 169 && second == 254);
    }

    static bool IsAddressStart(ReadOnlySpan<char> text, int start) =>
        start == 0 || !(char.IsLetterOrDigit(text[start - 1]) || text[start - 1] is '_' or '.');

    /// <summary>The end of the address starting at <paramref name="start"/>, or -1 when there is none.</summary>
    public static int AddressEnd(ReadOnlySpan<char> text, int start)
    {
        var i = start;
        for (var part = 0; part < 4; part++)
        {
            if (part > 0)
            {
                if (i >= text.Length || text[i] != '.')
                    return -1;
                i++;
            }
            var value = 0;
            var digits = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]) && digits < 4)
            {
                value = value * 10 + (text[i] - '0');
                digits++;
                i++;
            }
            if (digits is 0 or > 3 || value > 255)
                return -1;
        }
        var standsAlone = SecretChars.IsWordEnd(text, i) && !(i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]));
        return standsAlone ? i : -1;
    }
}
