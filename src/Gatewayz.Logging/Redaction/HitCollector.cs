namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Gathers what the rules find in one text. It allocates nothing until the first hit, so text without
/// secrets is scanned without allocating.
/// </summary>
struct HitCollector
{
    List<SecretHit>? _hits;

    /// <summary>The hits so far, or <see langword="null"/> when there are none.</summary>
    public readonly List<SecretHit>? Hits => _hits;

    /// <summary>Records a secret; an empty one is ignored.</summary>
    public void Add(int start, int length, int visiblePrefix)
    {
        if (length <= 0)
            return;
        _hits ??= [];
        _hits.Add(new SecretHit(start, length, Math.Min(visiblePrefix, Math.Min(length, SecretMask.MaxVisiblePrefix))));
    }
}
