using System.Buffers;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Finds the value of <c>name=value</c> when the name is sensitive per <see cref="SensitiveKeys"/>: query
/// strings (<c>?api_key=…&amp;model=gpt-4o</c>), form bodies, cookies, command-line flags
/// (<c>--api-key=…</c>) and key=value log text. The value runs to the next <c>&amp;</c>, <c>;</c>, blank or
/// quote; a quoted value runs to its closing quote.
/// </summary>
sealed class SensitiveAssignmentRule : ISecretRule
{
    static readonly SearchValues<char> ValueEnd = SearchValues.Create("&;\"<> \t\r\n");

    readonly SensitiveKeys _keys;

    /// <summary>Filters the values of the names that <paramref name="keys"/> calls sensitive.</summary>
    public SensitiveAssignmentRule(SensitiveKeys keys) => _keys = keys;

    public RuleNeeds Needs { get; } = new(TextTrait.Equals);

    public void Scan(ReadOnlySpan<char> text, ref HitCollector hits)
    {
        var position = 0;
        var knownValueEnd = -1;
        while (position < text.Length)
        {
            var found = text[position..].IndexOf('=');
            if (found < 0)
                return;
            var equals = position + found;

            // Looking back never passes the previous '=' or value, so every character is looked at once.
            var (nameStart, nameEnd) = AssignedValue.NameBefore(text, equals, position, SecretChars.NameChars);
            position = equals + 1;
            if (nameStart == nameEnd || !_keys.IsSensitive(text[nameStart..nameEnd]))
                continue;

            // The search goes on inside the value: "token = api_key=…" holds a second assignment.
            var (valueStart, valueEnd) = AssignedValue.Find(text, equals + 1, ValueEnd, ref knownValueEnd);
            hits.Add(valueStart, valueEnd - valueStart, 0);
        }
    }
}
