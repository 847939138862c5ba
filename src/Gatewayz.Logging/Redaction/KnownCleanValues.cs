using System.Runtime.CompilerServices;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Remembers, by identity, values already found to need nothing: the same instance logged again (a
/// template, a provider name, a scope value on every event of a request, the structure of a MEL event
/// id) is answered with one array read instead of a scan. Fixed size and lossy: a slot holds the last
/// value checked there, so the cache never grows, never locks and never allocates. Only clean values
/// are kept, never a secret; the caller keeps out values that are large or can change.
/// </summary>
sealed class KnownCleanValues<T>
    where T : class
{
    const int Slots = 1024;

    readonly T?[] _slots = new T?[Slots];

    public bool Contains(T value) =>
        ReferenceEquals(Volatile.Read(ref _slots[Slot(value)]), value);

    public void Add(T value) => Volatile.Write(ref _slots[Slot(value)], value);

    /// <summary>
    /// The identity hash picks the slot: one read for a value that has been looked up before. A
    /// collision only replaces an entry, since a hit needs the very same instance.
    /// </summary>
    static int Slot(T value) => RuntimeHelpers.GetHashCode(value) & (Slots - 1);
}
