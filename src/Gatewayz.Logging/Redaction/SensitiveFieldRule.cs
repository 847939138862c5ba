using System.Buffers;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Finds the value of a field written with a colon whose name is sensitive per <see cref="SensitiveKeys"/>:
/// headers in free text (<c>X-Api-Key: …</c>), JSON (<c>"password": "…"</c>, escaped or not), YAML and
/// prose. A quoted value is masked inside its quotes; an unquoted one runs to the next blank, comma,
/// semicolon or closing bracket. A leading scheme word (<c>Bearer</c>, <c>Token</c>…) stays. Not fields:
/// <c>token://</c>, a URL's user information (<see cref="UrlPasswordRule"/>), and an unquoted value holding
/// assignments (<c>Cookie: a=b; sessionid=…</c>, left to <see cref="SensitiveAssignmentRule"/>).
/// </summary>
sealed class SensitiveFieldRule : ISecretRule
{
    static readonly SearchValues<char> ValueEnd = SearchValues.Create(" \t\r\n,;}])\"'<>");

    static readonly string[] Schemes = ["Bearer", "Basic", "Token", "Digest", "ApiKey", "Key", "Negotiate"];

    readonly SensitiveKeys _keys;

    public SensitiveFieldRule(SensitiveKeys keys) => _keys = keys;

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
            var floor = position;
            position = colon + 1;
            if (colon + 2 < text.Length && text[colon + 1] == '/' && text[colon + 2] == '/')
                continue;

            var (nameStart, nameEnd) = Name(text, colon, floor);
            if (nameStart == nameEnd || text[..nameStart].EndsWith("://", StringComparison.Ordinal) || !_keys.IsSensitive(text[nameStart..nameEnd]))
                continue;

            var (valueStart, valueEnd, quoted) = Value(text, colon + 1);
            if (valueEnd <= valueStart || (!quoted && text[valueStart..valueEnd].Contains('=')))
                continue;
            if (SchemeEnd(text, valueStart, valueEnd) is var schemeEnd and > 0)
            {
                // "Authorization: Bearer <credential>": the scheme stays, the credential goes.
                var credentialStart = schemeEnd;
                while (credentialStart < text.Length && SecretChars.IsBlank(text[credentialStart]))
                    credentialStart++;
                var length = text[credentialStart..].IndexOfAny(ValueEnd);
                var credentialEnd = length < 0 ? text.Length : credentialStart + length;
                (valueStart, valueEnd) = (credentialStart, quoted ? Math.Min(credentialEnd, valueEnd) : credentialEnd);
            }
            hits.Add(valueStart, valueEnd - valueStart, 0);
            position = Math.Max(position, valueEnd);
        }
    }

    /// <summary>The name before the colon at <paramref name="colon"/>, inside quotes (escaped or not) or bare.</summary>
    static (int Start, int End) Name(ReadOnlySpan<char> text, int colon, int floor)
    {
        var end = colon;
        while (end > floor && SecretChars.IsBlank(text[end - 1]))
            end--;
        if (end > floor && text[end - 1] is '"' or '\'')
        {
            end--;
            if (end > floor && text[end - 1] == '\\')
                end--;
        }
        var start = end;
        while (start > floor && SecretChars.NameChars.Contains(text[start - 1]))
            start--;
        return (start, end);
    }

    /// <summary>The value after the colon: inside its quotes (escaped or not) when quoted; else to the next delimiter.</summary>
    static (int Start, int End, bool Quoted) Value(ReadOnlySpan<char> text, int from)
    {
        var start = from;
        while (start < text.Length && SecretChars.IsBlank(text[start]))
            start++;
        if (start >= text.Length)
            return (start, start, false);

        var escaped = text[start] == '\\' && start + 1 < text.Length && text[start + 1] is '"' or '\'';
        var quoteAt = escaped ? start + 1 : start;
        if (text[quoteAt] is not ('"' or '\''))
        {
            var length = text[start..].IndexOfAny(ValueEnd);
            return (start, length < 0 ? text.Length : start + length, false);
        }

        var quote = text[quoteAt];
        var inner = quoteAt + 1;
        for (var i = inner; i < text.Length; i++)
        {
            if (text[i] is '\r' or '\n')
                return (inner, i, true);
            if (text[i] != quote)
                continue;
            // Inside a logged JSON string the closing quote is escaped too: \"…\".
            if (escaped && text[i - 1] != '\\')
                continue;
            return (inner, escaped ? i - 1 : i, true);
        }
        return (inner, text.Length, true);
    }

    /// <summary>The end of an authorization scheme word that the value starts with, followed by a blank; 0 when it is none.</summary>
    static int SchemeEnd(ReadOnlySpan<char> text, int start, int end)
    {
        var blank = text[start..end].IndexOfAny(' ', '\t');
        var wordEnd = blank < 0 ? end : start + blank;
        if (wordEnd >= text.Length || !SecretChars.IsBlank(text[wordEnd]))
            return 0;
        var word = text[start..wordEnd];
        foreach (var scheme in Schemes)
        {
            if (word.Equals(scheme, StringComparison.OrdinalIgnoreCase))
                return wordEnd;
        }
        return 0;
    }
}
