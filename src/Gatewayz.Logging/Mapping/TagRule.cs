using System.Buffers;
using System.Collections.Frozen;

namespace Gatewayz.Logging.Mapping;

/// <summary>
/// Makes a tag valid for Sentry instead of letting ingestion drop it: a key of at most 32 characters
/// of <c>[A-Za-z0-9_.:-]</c>, not one of the names Sentry discards (<c>release</c>, <c>dist</c>,
/// <c>user</c>, <c>filename</c>, <c>function</c>); a value of at most 200 characters, on one line,
/// never empty.
/// </summary>
static class TagRule
{
    public const string EmptyValue = "(empty)";

    static readonly FrozenSet<string> DiscardedByIngestion =
        new[] { "release", "dist", "user", "filename", "function" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    static readonly SearchValues<char> KeyChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-");

    /// <summary>The valid key for <paramref name="name"/>, or null when nothing of it is usable.</summary>
    public static string? Key(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return null;

        if (DiscardedByIngestion.Contains(name))
            name = ContextNameRule.ReservedPrefix + name;

        var valid = name.Length <= SentryLimits.TagKeyLength && !name.AsSpan().ContainsAnyExcept(KeyChars);
        if (valid)
            return name;

        Span<char> key = stackalloc char[Math.Min(name.Length, SentryLimits.TagKeyLength)];
        for (var i = 0; i < key.Length; i++)
            key[i] = KeyChars.Contains(name[i]) ? name[i] : '_';
        return key.Trim('_').IsEmpty ? null : new string(key);
    }

    /// <summary>The valid value for <paramref name="value"/>: control characters become spaces, long values end in an ellipsis.</summary>
    public static string Value(string value)
    {
        var needsWork = value.Length > SentryLimits.TagValueLength || value.AsSpan().ContainsAnyInRange('\0', '\u001F')
            || value.Contains('\u007F', StringComparison.Ordinal) || string.IsNullOrWhiteSpace(value);
        if (!needsWork)
            return TextCut.RepairSurrogates(value);

        var oneLine = string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
        }).Trim();

        return oneLine.Length == 0
            ? EmptyValue
            : TextCut.WithEllipsis(TextCut.RepairSurrogates(oneLine), SentryLimits.TagValueLength);
    }
}
