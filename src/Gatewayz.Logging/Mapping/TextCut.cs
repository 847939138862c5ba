using System.Globalization;

namespace Gatewayz.Logging.Mapping;

/// <summary>
/// Shortens text to a limit with a visible marker, without splitting a surrogate pair, and repairs
/// lone surrogates that would make the JSON invalid.
/// </summary>
static class TextCut
{
    /// <summary>At most <paramref name="maxLength"/> characters, the last one an ellipsis when cut.</summary>
    public static string WithEllipsis(string value, int maxLength)
    {
        if (value.Length <= maxLength)
            return value;
        return string.Concat(value.AsSpan(0, SafeLength(value, maxLength - 1)), "…");
    }

    /// <summary>At most <paramref name="maxLength"/> characters, saying how many were cut: <c>abc…[+1200 chars]</c>.</summary>
    public static string WithCount(string value, int maxLength)
    {
        if (value.Length <= maxLength)
            return value;
        // "…[+" + digits + " chars]": reserve room for the longest count this value can produce.
        var reserve = 10 + value.Length.ToString(CultureInfo.InvariantCulture).Length;
        var keep = SafeLength(value, Math.Max(0, maxLength - reserve));
        return string.Concat(value.AsSpan(0, keep), "…[+", (value.Length - keep).ToString(CultureInfo.InvariantCulture), " chars]");
    }

    /// <summary>Replaces unpaired surrogates with U+FFFD; returns the same instance when there are none.</summary>
    public static string RepairSurrogates(string value)
    {
        var index = value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (index < 0)
            return value;

        char[]? copy = null;
        for (var i = index; i < value.Length; i++)
        {
            var c = value[i];
            if (!char.IsSurrogate(c))
                continue;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            copy ??= value.ToCharArray();
            copy[i] = '\uFFFD';
        }
        return copy is null ? value : new string(copy);
    }

    /// <summary>A prefix length no longer than <paramref name="length"/> that does not end inside a surrogate pair.</summary>
    static int SafeLength(string value, int length)
    {
        if (length <= 0)
            return 0;
        return char.IsHighSurrogate(value[length - 1]) ? length - 1 : length;
    }
}
