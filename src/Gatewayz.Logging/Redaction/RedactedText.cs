namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Writes the redacted copy of a text from the rules' hits, in one allocation. Overlapping hits (a JWT
/// that is also a Bearer credential, a key that is also a query value) merge into one mask; the merged
/// mask keeps a visible prefix only as far as no other secret starts inside it. Secrets that are already
/// masked (<c>sk-or-v1[Filtered]</c>) are left as they are, so that redacting twice changes nothing.
/// </summary>
static class RedactedText
{
    /// <summary>The text with every hit replaced by its visible prefix and <see cref="SecretMask.Marker"/>.</summary>
    public static string Apply(string text, List<SecretHit> hits)
    {
        var kept = 0;
        for (var i = 0; i < hits.Count; i++)
        {
            if (!IsAlreadyMasked(text, hits[i]))
                hits[kept++] = hits[i];
        }
        hits.RemoveRange(kept, hits.Count - kept);
        if (kept == 0)
            return text;
        Merge(hits);
        var length = text.Length;
        foreach (var hit in hits)
            length += hit.VisiblePrefix + SecretMask.Marker.Length - hit.Length;

        return string.Create(length, (text, hits), static (destination, state) =>
        {
            var (source, merged) = state;
            var read = 0;
            var write = 0;
            foreach (var hit in merged)
            {
                Copy(source.AsSpan(read, hit.Start - read), destination, ref write);
                Copy(source.AsSpan(hit.Start, hit.VisiblePrefix), destination, ref write);
                Copy(SecretMask.Marker, destination, ref write);
                read = hit.End;
            }
            Copy(source.AsSpan(read), destination, ref write);
        });
    }

    /// <summary>True when the hit covers no more than a visible prefix and a marker that are already there.</summary>
    static bool IsAlreadyMasked(ReadOnlySpan<char> text, SecretHit hit)
    {
        var window = text.Slice(hit.Start, Math.Min(text.Length - hit.Start, SecretMask.MaxVisiblePrefix + SecretMask.Marker.Length));
        var marker = window.IndexOf(SecretMask.Marker, StringComparison.Ordinal);
        return marker >= 0 && hit.End <= hit.Start + marker + SecretMask.Marker.Length;
    }

    /// <summary>Sorts the hits and merges overlapping ones, in place.</summary>
    static void Merge(List<SecretHit> hits)
    {
        hits.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));

        var count = 0;
        var current = hits[0];
        var end = current.End;
        var visible = current.VisiblePrefix;
        for (var i = 1; i < hits.Count; i++)
        {
            var next = hits[i];
            if (next.Start < end)
            {
                // Hits with the same start come first: any of them may show its prefix; a secret starting
                // later must not be shown, so the prefix stops where it begins.
                visible = next.Start == current.Start ? Math.Max(visible, next.VisiblePrefix) : Math.Min(visible, next.Start - current.Start);
                end = Math.Max(end, next.End);
                continue;
            }
            hits[count++] = new SecretHit(current.Start, end - current.Start, visible);
            current = next;
            end = next.End;
            visible = next.VisiblePrefix;
        }
        hits[count++] = new SecretHit(current.Start, end - current.Start, visible);
        hits.RemoveRange(count, hits.Count - count);
    }

    static void Copy(ReadOnlySpan<char> source, Span<char> destination, ref int write)
    {
        source.CopyTo(destination[write..]);
        write += source.Length;
    }
}
