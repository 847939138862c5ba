namespace Gatewayz.Logging.Configuration;

/// <summary>The known name closest to a misspelled one, for a startup error that suggests the fix.</summary>
static class NearestName
{
    /// <summary>Abbreviations shorter than this are not completed: too many names start alike.</summary>
    const int MinPrefixLength = 3;

    /// <summary>
    /// The candidate within a few edits of <paramref name="name"/> (ignoring case); else the one candidate
    /// that <paramref name="name"/> abbreviates (<c>Info</c>, <c>MaxEvents</c>); else null.
    /// </summary>
    public static string? Find(string name, IEnumerable<string> candidates)
    {
        var bound = Math.Max(2, name.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        var known = candidates as IReadOnlyCollection<string> ?? [.. candidates];
        foreach (var candidate in known)
        {
            var distance = Distance(name.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance <= bound && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best is not null || name.Trim().Length < MinPrefixLength)
            return best;
        var completions = known.Where(c => c.StartsWith(name.Trim(), StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).Take(2).ToList();
        return completions.Count == 1 ? completions[0] : null;
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
