using System.Buffers;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// What one pass over a text tells the rules before they search it: which of the characters they
/// anchor on it holds, and how many ASCII digits. A rule whose anchors are absent cannot find
/// anything and is skipped, so a short clean value costs one pass instead of one search per rule.
/// </summary>
readonly struct TextTraits
{
    static readonly TextTrait[] Ascii = BuildTable();
    static readonly SearchValues<char> Interesting = SearchValues.Create("0123456789.-_=:@%bBAJ");

    TextTraits(TextTrait traits, int digits, int dots, int length)
    {
        Traits = traits;
        Digits = digits;
        Dots = dots;
        Length = length;
    }

    public TextTrait Traits { get; }

    /// <summary>ASCII digits in the text.</summary>
    public int Digits { get; }

    /// <summary>Full stops in the text.</summary>
    public int Dots { get; }

    public int Length { get; }

    /// <summary>True when the text holds none of the characters any rule anchors on.</summary>
    public bool IsPlain => Traits == TextTrait.None && Digits == 0;

    /// <summary>The traits of a text of <paramref name="length"/> characters with nothing a rule anchors on.</summary>
    public static TextTraits Plain(int length) => new(TextTrait.None, 0, 0, length);

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
        if (dots > 0)
            traits |= TextTrait.Dot;
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
