using System.Buffers;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Finds <c>name%3Dvalue</c> when the name is sensitive: a query string URL-encoded inside another
/// (<c>redirect=https%3A%2F%2Fapi%3Fapi_key%3D…%26model%3D…</c>), as OAuth redirects and logged
/// callback URLs carry one. The value runs to the next encoded <c>&amp;</c> or <c>#</c> (<c>%26</c>,
/// <c>%23</c>) or a delimiter; an encoded separator just before the name is not part of it.
/// </summary>
sealed class EncodedAssignmentRule : ISecretRule
{
    const string EncodedEquals = "%3D";

    static readonly SearchValues<char> ValueEnd = SearchValues.Create("&;\"<> \t\r\n%");

    readonly SensitiveKeys _keys;

    public EncodedAssignmentRule(SensitiveKeys keys) => _keys = keys;

    public RuleNeeds Needs { get; } = new(TextTrait.Percent, minDigits: 1);

    public void Scan(ReadOnlySpan<char> text, ref HitCollector hits)
    {
        var position = 0;
        while (position < text.Length)
        {
            var found = text[position..].IndexOf(EncodedEquals, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
                return;
            var equals = position + found;
            var (nameStart, nameEnd) = AssignedValue.NameBefore(text, equals, position, SecretChars.NameChars);
            // "%3Fapi_key": the hex digits of an encoded separator are not the name's.
            if (nameStart >= 1 && text[nameStart - 1] == '%' && nameEnd - nameStart > 2)
                nameStart += 2;
            position = equals + EncodedEquals.Length;
            if (nameStart == nameEnd || !_keys.IsSensitive(text[nameStart..nameEnd]))
                continue;

            var valueEnd = position;
            while (valueEnd < text.Length)
            {
                var length = text[valueEnd..].IndexOfAny(ValueEnd);
                valueEnd = length < 0 ? text.Length : valueEnd + length;
                if (valueEnd >= text.Length || text[valueEnd] != '%' || IsEncodedSeparator(text, valueEnd))
                    break;
                valueEnd++;
            }
            hits.Add(position, valueEnd - position, 0);
            position = Math.Max(position, valueEnd);
        }
    }

    /// <summary>An encoded <c>&amp;</c> or <c>#</c> at <paramref name="percent"/>, which ends the value.</summary>
    static bool IsEncodedSeparator(ReadOnlySpan<char> text, int percent) =>
        percent + 2 < text.Length && text[percent + 1] == '2' && text[percent + 2] is '6' or '3';
}
