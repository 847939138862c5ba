using System.Runtime.CompilerServices;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Remembers, by identity, values found to need nothing: the same instance logged again costs one array
/// read instead of a scan. Fixed size and lossy (a slot keeps the last value put there): it never grows,
/// locks or allocates. Only clean values go in; the caller keeps out large or changeable ones.
/// </summary>
sealed class KnownCleanValues<T>
    where T : class
{
    const int Slots = 1024;

    readonly T?[] _slots = new T?[Slots];

    public bool Contains(T value) =>
        ReferenceEquals(Volatile.Read(ref _slots[Slot(value)]), value);

    public void Add(T value) => Volatile.Write(ref _slots[Slot(value)], value);

    /// <summary>The identity hash picks the slot; a collision only replaces an entry, as a hit needs the same instance.</summary>
    static int Slot(T value) => RuntimeHelpers.GetHashCode(value) & (Slots - 1);
}
