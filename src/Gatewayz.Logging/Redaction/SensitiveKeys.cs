namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Decides whether a key — a property name, dictionary key, header name or query-string parameter —
/// holds a secret, so that its value is filtered whatever it looks like. Keys are compared normalized:
/// lower case, without <c>_</c>, <c>-</c>, <c>.</c> and spaces, so <c>apiKey</c>, <c>API_KEY</c> and
/// <c>Api.Key</c> are one name. A key is sensitive when it equals a listed name or ends with a strong
/// suffix (<c>db_password</c>, <c>github_token</c>), unless it is listed as safe.
/// </summary>
sealed class SensitiveKeys
{
    /// <summary>Longest configurable name; keys are normalized into a stack buffer of about this size.</summary>
    public const int MaxNameLength = 128;

    readonly NormalizedNameSet _sensitive;
    readonly NormalizedNameSet _safe;
    readonly string[] _suffixes;
    readonly int _bufferLength;

    /// <param name="additionalNames">More names that are sensitive when a key equals them (normalized).</param>
    /// <param name="safeNames">Names that are never sensitive, even when they equal or end like a sensitive one.</param>
    /// <param name="includePersonalData">Also treat keys naming a client's IP address as sensitive.</param>
    /// <exception cref="ArgumentException">A name is longer than <see cref="MaxNameLength"/>.</exception>
    public SensitiveKeys(IEnumerable<string>? additionalNames = null, IEnumerable<string>? safeNames = null, bool includePersonalData = false)
    {
        var sensitive = SensitiveKeyDefaults.Names.Concat(additionalNames ?? []);
        if (includePersonalData)
            sensitive = sensitive.Concat(SensitiveKeyDefaults.PersonalDataNames);

        _sensitive = new NormalizedNameSet(NormalizeAll(sensitive, nameof(additionalNames)));
        _safe = new NormalizedNameSet(NormalizeAll(safeNames ?? [], nameof(safeNames)));
        _suffixes = NormalizeAll(SensitiveKeyDefaults.StrongSuffixes, nameof(SensitiveKeyDefaults.StrongSuffixes));
        // One more than the longest exact name: a key whose normalized form fills the buffer cannot equal any.
        _bufferLength = Math.Max(Math.Max(_sensitive.MaxLength, _safe.MaxLength), _suffixes.Max(static s => s.Length)) + 1;
    }

    /// <summary>True when the value of <paramref name="key"/> must not leave the process. Allocates nothing.</summary>
    public bool IsSensitive(ReadOnlySpan<char> key)
    {
        Span<char> buffer = stackalloc char[_bufferLength];
        var normalized = NormalizeTail(key, buffer);
        if (normalized.IsEmpty || _safe.Contains(normalized))
            return false;
        if (_sensitive.Contains(normalized))
            return true;
        foreach (var suffix in _suffixes)
        {
            if (normalized.EndsWith(suffix, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    /// <summary>The normalized form of <paramref name="key"/>: lower case, without <c>_ - .</c> and spaces.</summary>
    public static string Normalize(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<char> buffer = key.Length <= 256 ? stackalloc char[key.Length] : new char[key.Length];
        return new string(NormalizeTail(key, buffer));
    }

    /// <summary>
    /// Normalizes the end of <paramref name="key"/> into the end of <paramref name="buffer"/>, stopping when it
    /// is full: suffixes need only the tail, and a full buffer is longer than any exact name.
    /// </summary>
    static ReadOnlySpan<char> NormalizeTail(ReadOnlySpan<char> key, Span<char> buffer)
    {
        var write = buffer.Length;
        for (var read = key.Length - 1; read >= 0 && write > 0; read--)
        {
            var c = key[read];
            if (c is '_' or '-' or '.' or ' ')
                continue;
            buffer[--write] = char.ToLowerInvariant(c);
        }
        return buffer[write..];
    }

    static string[] NormalizeAll(IEnumerable<string> names, string parameterName)
    {
        var normalized = new List<string>();
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name))
                continue;
            var form = Normalize(name);
            if (form.Length > MaxNameLength)
                throw new ArgumentException($"The key name '{name}' is longer than {MaxNameLength} characters.", parameterName);
            if (form.Length > 0)
                normalized.Add(form);
        }
        return [.. normalized];
    }
}
