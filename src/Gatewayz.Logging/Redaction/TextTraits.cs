using System.Buffers;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// What one pass over a text tells the rules before they search it: which of the characters they
/// anchor on it holds, and how many ASCII digits. A rule whose anchors are absent cannot find
/// anything and is skipped, so a short clean value costs one pass instead of one search per rule.
/// </summary>
readonly record struct TextTraits(TextTrait Traits, int Digits, int Dots, int Length)
{
    static readonly TextTrait[] Ascii = BuildTable();
    static readonly SearchValues<char> Interesting = SearchValues.Create("0123456789.-_=:@%bBAJ");

    /// <summary>True when the text holds none of the characters any rule anchors on.</summary>
    public bool IsPlain => Traits == TextTrait.None && Digits == 0;

    public static TextTraits Of(ReadOnlySpan<char> text)
    {
        var traits = TextTrait.None;
        var digits = 0;
        var dots = 0;
        // Plain words (most messages and values) have none of these: one vectorized search says so.
        var first = text.IndexOfAny(Interesting);
        if (first >= 0)
        {
            foreach (var c in text[first..])
            {
                if (c >= 128)
                    continue;
                if (char.IsAsciiDigit(c))
                    digits++;
                else if (c == '.')
                    dots++;
                else
                    traits |= Ascii[c];
            }
        }
        return new TextTraits(traits, digits, dots, text.Length);
    }

    static TextTrait[] BuildTable()
    {
        var table = new TextTrait[128];
        table['-'] = TextTrait.Dash;
        table['_'] = TextTrait.Underscore;
        table['='] = TextTrait.Equals;
        table[':'] = TextTrait.Colon;
        table['@'] = TextTrait.At;
        table['%'] = TextTrait.Percent;
        table['b'] = TextTrait.LetterB;
        table['B'] = TextTrait.LetterB;
        table['A'] = TextTrait.UpperA;
        table['J'] = TextTrait.UpperJ;
        return table;
    }
}
