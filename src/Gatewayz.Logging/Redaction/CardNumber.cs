namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Tells a payment card number from any other long number: a brand prefix that card networks actually
/// issue, and a valid Luhn check digit. Together they take about one random 13-19 digit number in forty
/// for a card, instead of every one.
/// </summary>
static class CardNumber
{
    /// <summary>A known brand prefix and a valid Luhn checksum, ignoring separators.</summary>
    public static bool IsValid(ReadOnlySpan<char> number)
    {
        var sum = 0;
        var doubled = false;
        for (var i = number.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(number[i]))
                continue;
            var digit = number[i] - '0';
            if (doubled)
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            sum += digit;
            doubled = !doubled;
        }
        if (sum % 10 != 0)
            return false;

        var firstFour = 0;
        var count = 0;
        foreach (var c in number)
        {
            if (!char.IsAsciiDigit(c))
                continue;
            firstFour = firstFour * 10 + (c - '0');
            if (++count == 4)
                break;
        }
        return HasBrandPrefix(firstFour);
    }

    /// <summary>Visa, Mastercard, American Express, Discover, JCB and Diners Club, by their first four digits.</summary>
    static bool HasBrandPrefix(int firstFour)
    {
        var firstTwo = firstFour / 100;
        var firstThree = firstFour / 10;
        return firstFour / 1000 == 4
            || firstTwo is >= 51 and <= 55 or 34 or 37 or 36 or 38 or 65
            || firstThree is >= 300 and <= 305 or >= 644 and <= 649
            || firstFour is >= 2221 and <= 2720 or 6011 or >= 3528 and <= 3589;
    }
}
