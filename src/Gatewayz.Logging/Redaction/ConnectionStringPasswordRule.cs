using System.Buffers;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Finds the password of an ADO.NET-style connection string, <c>Password=…;</c> or <c>Pwd=…;</c> (any
/// case). Such a value may contain blanks, so it runs to the next <c>;</c> or the end of the line, not to
/// the next blank. The word "password" in prose, without <c>=</c>, passes.
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
        while (position < text.Length)
        {
            var found = text[position..].IndexOf('=');
            if (found < 0)
                return;
            var equals = position + found;

            var (nameStart, nameEnd) = AssignedValue.NameBefore(text, equals, position, Letters);
            position = equals + 1;
            var name = text[nameStart..nameEnd];
            if (!name.Equals("password", StringComparison.OrdinalIgnoreCase) && !name.Equals("pwd", StringComparison.OrdinalIgnoreCase))
                continue;

            var (valueStart, valueEnd) = AssignedValue.Find(text, equals + 1, ValueEnd);
            while (valueEnd > valueStart && SecretChars.IsBlank(text[valueEnd - 1]))
                valueEnd--;
            if (valueEnd > valueStart)
            {
                hits.Add(valueStart, valueEnd - valueStart, 0);
                position = valueEnd;
            }
        }
    }
}
