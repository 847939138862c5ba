using System.Buffers;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Finds the secret of a connection string, <c>Password=…;</c>, <c>Pwd=…;</c>, Azure storage's
/// <c>AccountKey=…;</c> and <c>SharedAccessKey=…;</c> (any case). Such a value may contain blanks, so it
/// runs to the next <c>;</c> or the end of the line, not to the next blank, but only where the text is a
/// connection string: a <c>;</c> ends the value, or one comes before the name. In free text
/// (<c>password=hunter2 and …</c>) the value is a plain assignment's, which ends at a blank, so the rest
/// of the line stays (<see cref="SensitiveAssignmentRule"/>). The word "password" in prose, without
/// <c>=</c>, passes.
/// </summary>
sealed class ConnectionStringPasswordRule : ISecretRule
{
    static readonly SearchValues<char> ValueEnd = SearchValues.Create(";\r\n");
    static readonly SearchValues<char> Letters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <inheritdoc />
    /// <remarks>Needs "Password=" or "Pwd=".</remarks>
    public RuleNeeds Needs { get; } = new(TextTrait.Equals);

    /// <inheritdoc />
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

            var (nameStart, nameEnd) = AssignedValue.NameBefore(text, equals, position, Letters);
            position = equals + 1;
            var name = text[nameStart..nameEnd];
            if (!IsSecretName(name))
                continue;

            // A value that starts inside one already read ends where it does: each character is read once.
            var (valueStart, valueEnd) = AssignedValue.Find(text, equals + 1, ValueEnd, ref knownValueEnd);
            if (!(valueEnd < text.Length && text[valueEnd] == ';') && !FollowsSemicolon(text, nameStart))
                continue;
            while (valueEnd > valueStart && SecretChars.IsBlank(text[valueEnd - 1]))
                valueEnd--;
            if (valueEnd > valueStart)
            {
                hits.Add(valueStart, valueEnd - valueStart, 0);
                position = valueEnd;
            }
        }
    }

    static bool IsSecretName(ReadOnlySpan<char> name) =>
        name.Equals("password", StringComparison.OrdinalIgnoreCase) || name.Equals("pwd", StringComparison.OrdinalIgnoreCase)
        || name.Equals("AccountKey", StringComparison.OrdinalIgnoreCase) || name.Equals("SharedAccessKey", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when a <c>;</c> (then perhaps blanks) comes just before the name at <paramref name="nameStart"/>.</summary>
    static bool FollowsSemicolon(ReadOnlySpan<char> text, int nameStart)
    {
        var i = nameStart - 1;
        while (i >= 0 && SecretChars.IsBlank(text[i]))
            i--;
        return i >= 0 && text[i] == ';';
    }
}
