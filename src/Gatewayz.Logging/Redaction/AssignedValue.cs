using System.Buffers;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Locates the value after <c>name=</c>, shared by the rules that filter assigned values: blanks after
/// <c>=</c> are skipped; a value in quotes (<c>"…"</c>, <c>'…'</c>, or JSON-escaped <c>\"…\"</c>) runs to
/// its closing quote, a doubled quote being part of it; any other value runs to one of the caller's
/// end characters.
/// </summary>
static class AssignedValue
{
    /// <summary>
    /// The bounds of the name before the <c>=</c> at <paramref name="equals"/>: blanks before <c>=</c>
    /// are skipped, then characters of <paramref name="nameChars"/>, never looking back past
    /// <paramref name="floor"/> so that every character is looked at once.
    /// </summary>
    public static (int Start, int End) NameBefore(ReadOnlySpan<char> text, int equals, int floor, SearchValues<char> nameChars)
    {
        var end = equals;
        while (end > floor && SecretChars.IsBlank(text[end - 1]))
            end--;
        var start = end;
        while (start > floor && nameChars.Contains(text[start - 1]))
            start--;
        return (start, end);
    }

    /// <summary>
    /// The bounds of the value that starts at or after <paramref name="from"/>. <paramref name="knownEnd"/> is
    /// where the last unquoted value ended: a value starting before it (<c>a=b=c</c>) ends there too and is
    /// not read again. Calls must come in increasing order of <paramref name="from"/>.
    /// </summary>
    public static (int Start, int End) Find(ReadOnlySpan<char> text, int from, SearchValues<char> valueEnd, ref int knownEnd)
    {
        var start = from;
        while (start < text.Length && SecretChars.IsBlank(text[start]))
            start++;
        if (start == text.Length)
            return (start, start);

        var escaped = text[start] == '\\' && start + 1 < text.Length && (text[start + 1] is '"' or '\'');
        var quote = text[escaped ? start + 1 : start];
        if (quote is '"' or '\'')
            return (start, QuotedEnd(text, start + (escaped ? 2 : 1), quote));

        if (start < knownEnd)
            return (start, knownEnd);
        var length = text[start..].IndexOfAny(valueEnd);
        knownEnd = length < 0 ? text.Length : start + length;
        return (start, knownEnd);
    }

    /// <summary>The index after the closing quote, or the end of the line when the quote is not closed.</summary>
    static int QuotedEnd(ReadOnlySpan<char> text, int from, char quote)
    {
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n')
                return i;
            if (c != quote)
                continue;
            if (i + 1 < text.Length && text[i + 1] == quote)
            {
                i++;
                continue;
            }
            return i + 1;
        }
        return text.Length;
    }
}
