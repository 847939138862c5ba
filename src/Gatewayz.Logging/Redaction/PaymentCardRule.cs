namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Finds payment card numbers: 13 to 19 digits, written in one run or in groups split by single spaces
/// or dashes (<c>4111 1111 1111 1111</c>, <c>3782-822463-10005</c>), with a known brand prefix and a valid
/// Luhn check digit. Order ids, timestamps and amounts pass: they fail the boundary, the brand or the
/// checksum (<see cref="CardNumber"/>). The whole number is filtered; no prefix of it stays.
/// </summary>
sealed class PaymentCardRule : ISecretRule
{
    const int MinDigits = 13;
    const int MaxDigits = 19;

    public RuleNeeds Needs { get; } = new(minDigits: MinDigits);

    public void Scan(ReadOnlySpan<char> text, ref HitCollector hits)
    {
        var position = 0;
        while (position < text.Length)
        {
            var found = text[position..].IndexOfAny(SecretChars.Digits);
            if (found < 0)
                return;
            var runStart = position + found;
            var runEnd = GroupedRunEnd(text, runStart);
            ScanRun(text, runStart, runEnd, ref hits);
            position = runEnd;
        }
    }

    static bool IsSeparator(char c) => c is ' ' or '-';

    /// <summary>The end of the digits starting at <paramref name="start"/>, groups joined by single separators included.</summary>
    static int GroupedRunEnd(ReadOnlySpan<char> text, int start)
    {
        var i = start;
        while (true)
        {
            while (i < text.Length && char.IsAsciiDigit(text[i]))
                i++;
            if (i + 1 < text.Length && IsSeparator(text[i]) && char.IsAsciiDigit(text[i + 1]))
            {
                i++;
                continue;
            }
            return i;
        }
    }

    /// <summary>Tries a card at every group start of the run; each try reads at most about 40 characters.</summary>
    static void ScanRun(ReadOnlySpan<char> text, int runStart, int runEnd, ref HitCollector hits)
    {
        var start = runStart;
        while (start < runEnd)
        {
            var end = CardEnd(text, start, runStart, runEnd);
            if (end > 0)
            {
                // A Luhn-valid neighbour ("4111 <card>") may match first: a card starting inside the match
                // that ends after it widens the match, so no group of it is left behind.
                for (var next = NextGroup(text, start, runEnd); next < end; next = NextGroup(text, next, runEnd))
                    end = Math.Max(end, CardEnd(text, next, runStart, runEnd));
                hits.Add(start, end - start, 0);
                start = end + 1; // past the separator before the next group
            }
            else
            {
                start = NextGroup(text, start, runEnd);
            }
        }
    }

    /// <summary>The start of the group after the one at <paramref name="start"/>, or <paramref name="runEnd"/>.</summary>
    static int NextGroup(ReadOnlySpan<char> text, int start, int runEnd)
    {
        var i = start;
        while (i < runEnd && char.IsAsciiDigit(text[i]))
            i++;
        return Math.Min(i + 1, runEnd);
    }

    /// <summary>The end of the longest card number starting at <paramref name="start"/>, or -1.</summary>
    static int CardEnd(ReadOnlySpan<char> text, int start, int runStart, int runEnd)
    {
        if (start == runStart && !IsCardStart(text, start))
            return -1;

        var best = -1;
        var digits = 0;
        var groups = 0;
        var firstGroupLength = 0;
        var separator = '\0';
        var i = start;
        while (true)
        {
            var groupStart = i;
            while (i < runEnd && char.IsAsciiDigit(text[i]) && i - groupStart <= MaxDigits)
                i++;
            var groupLength = i - groupStart;
            digits += groupLength;
            groups++;
            if (digits > MaxDigits)
                break;
            if (groups == 1)
                firstGroupLength = groupLength;
            else if (firstGroupLength != 4 || groupLength > 6)
                break; // grouped numbers are written 4-4-4-4, 4-6-5 and the like

            if (digits >= MinDigits && IsCardEnd(text, i, runEnd) && CardNumber.IsValid(text[start..i]))
                best = i;
            if ((groups > 1 && groupLength < 3) || i >= runEnd)
                break; // a short group can only be the last one
            if (separator == '\0')
                separator = text[i];
            else if (text[i] != separator)
                break;
            i++;
        }
        return best;
    }

    static bool IsCardStart(ReadOnlySpan<char> text, int start) =>
        SecretChars.IsWordStart(text, start)
        && (start == 0 || text[start - 1] != '_')
        && !(start >= 2 && text[start - 1] == '.' && char.IsAsciiDigit(text[start - 2]));

    static bool IsCardEnd(ReadOnlySpan<char> text, int end, int runEnd) =>
        end < runEnd
        || (SecretChars.IsWordEnd(text, end) && !(end + 1 < text.Length && text[end] == '.' && char.IsAsciiDigit(text[end + 1])));
}
