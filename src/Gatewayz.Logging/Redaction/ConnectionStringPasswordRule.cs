using System.Buffers;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Finds the secret of a connection string: <c>Password=</c>, <c>Pwd=</c>, <c>AccountKey=</c> or
/// <c>SharedAccessKey=</c> (any case) where a <c>;</c> ends the value or comes before the name. The value
/// may hold blanks: it runs to the next <c>;</c> or the end of the line. In free text
/// (<c>password=hunter2 and …</c>) it ends at a blank instead (<see cref="SensitiveAssignmentRule"/>).
/// </summary>
sealed class ConnectionStringPasswordRule : ISecretRule
{
    static readonly SearchValues<char> ValueEnd = SearchValues.Create(";\r\n");

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

            var (nameStart, nameEnd) = AssignedValue.NameBefore(text, equals, position, SecretChars.Letters);
            position = equals + 1;
            var name = text[nameStart..nameEnd];
            if (!IsSecretName(name))
                continue;

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
