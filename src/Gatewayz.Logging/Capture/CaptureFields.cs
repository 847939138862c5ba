namespace Gatewayz.Logging.Capture;

/// <summary>
/// Builds a helper's context: the named fields that were given (absent when not given, never null),
/// then the caller's extra details (a dictionary or an object), which never replace a named field.
/// </summary>
sealed class CaptureFields
{
    readonly Dictionary<string, object?> _fields = new(StringComparer.Ordinal);

    public CaptureFields Add(string name, object? value)
    {
        if (value is not null)
            _fields[name] = value;
        return this;
    }

    /// <summary>Adds the fields of a dictionary or of an object's public properties.</summary>
    public CaptureFields AddDetails(object? details)
    {
        foreach (var (name, value) in ObjectFields.Read(details))
        {
            if (!string.IsNullOrEmpty(name))
                _fields.TryAdd(name, value);
        }
        return this;
    }

    public IReadOnlyDictionary<string, object?> Build() => _fields;
}
