namespace Gatewayz.Logging.Redaction;

/// <summary>
/// A small, immutable set of normalized names that is searched with a span, so a lookup allocates
/// nothing on every target framework (a frozen set's span lookup needs .NET 9). Names are bucketed
/// by length; a bucket holds a handful of names at most.
/// </summary>
sealed class NormalizedNameSet
{
    readonly string[][] _byLength;

    /// <summary>Builds the set from names that are already normalized.</summary>
    public NormalizedNameSet(IEnumerable<string> names)
    {
        var distinct = names.Where(static name => name.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        MaxLength = distinct.Length == 0 ? 0 : distinct.Max(static name => name.Length);
        _byLength = new string[MaxLength + 1][];
        for (var length = 0; length <= MaxLength; length++)
            _byLength[length] = distinct.Where(name => name.Length == length).ToArray();
    }

    /// <summary>The length of the longest name in the set.</summary>
    public int MaxLength { get; }

    /// <summary>True when <paramref name="name"/> equals one of the names, ordinally.</summary>
    public bool Contains(ReadOnlySpan<char> name)
    {
        if (name.Length >= _byLength.Length)
            return false;
        foreach (var candidate in _byLength[name.Length])
        {
            if (name.SequenceEqual(candidate))
                return true;
        }
        return false;
    }
}
