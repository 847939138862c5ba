namespace Gatewayz.Logging.Redaction;

/// <summary>
/// The redaction rules of one logger: the sensitive and safe keys given anywhere in its configuration, and
/// whether personal data may pass. A component's own arguments add to these for it alone. Components with
/// identical rules share one <see cref="Redactor"/>, and so its caches; others never do.
/// </summary>
sealed class RedactionPolicy
{
    readonly string[] _sensitiveKeys;
    readonly string[] _safeKeys;
    readonly bool _sendDefaultPii;
    readonly Dictionary<string, Redactor> _redactors = new(StringComparer.Ordinal);

    public RedactionPolicy(IEnumerable<string> sensitiveKeys, IEnumerable<string> safeKeys, bool sendDefaultPii)
    {
        _sensitiveKeys = [.. sensitiveKeys];
        _safeKeys = [.. safeKeys];
        _sendDefaultPii = sendDefaultPii;
        Logger = For();
    }

    /// <summary>The logger's own rules: those of its Sentry sink, and of components that add nothing.</summary>
    public Redactor Logger { get; }

    /// <summary>The logger's rules with a component's own arguments added.</summary>
    public Redactor For(IEnumerable<string>? sensitiveKeys = null, IEnumerable<string>? safeKeys = null, bool sendDefaultPii = false)
    {
        var sensitive = _sensitiveKeys.Concat(sensitiveKeys ?? []).ToArray();
        var safe = _safeKeys.Concat(safeKeys ?? []).ToArray();
        var pii = _sendDefaultPii || sendDefaultPii;
        var identity = $"{Normalized(sensitive)}\n\0{Normalized(safe)}\n\0{pii}";
        lock (_redactors)
        {
            if (!_redactors.TryGetValue(identity, out var redactor))
                _redactors.Add(identity, redactor = new Redactor(sensitive, safe, pii));
            return redactor;
        }
    }

    /// <summary>The names in the form the rules compare them, each once, in order: equal rules read alike.</summary>
    static string Normalized(IEnumerable<string?> names) =>
        string.Join('\n', names.OfType<string>().Where(static n => !string.IsNullOrWhiteSpace(n)).Select(SensitiveKeys.Normalize)
            .Where(static n => n.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
