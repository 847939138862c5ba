using System.Runtime.CompilerServices;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Remembers, by identity, strings already found to need nothing: the same instance logged again (a
/// template, a provider name, a scope value on every event of a request) is answered with one array
/// read instead of a scan. Text made fresh for each event (a rendered message) is not looked up
/// here: it would never hit. Fixed size and lossy: a slot holds the last string checked there, so the
/// cache never grows, never locks and never allocates. Only clean strings are kept, never a secret.
/// </summary>
sealed class CleanStringCache
{
    /// <summary>Longer strings are not kept: they are rarely repeated by identity, and would pin memory.</summary>
    public const int MaxLength = 256;

    const int Slots = 1024;

    readonly string?[] _slots = new string?[Slots];

    public bool Contains(string text) =>
        ReferenceEquals(Volatile.Read(ref _slots[Slot(text)]), text);

    public void Add(string text)
    {
        if (text.Length <= MaxLength)
            Volatile.Write(ref _slots[Slot(text)], text);
    }

    /// <summary>
    /// The identity hash picks the slot: one read for a string that has been looked up before. A
    /// collision only replaces an entry, since a hit needs the very same instance.
    /// </summary>
    static int Slot(string text) => RuntimeHelpers.GetHashCode(text) & (Slots - 1);
}
