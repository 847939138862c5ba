using System.Collections.Concurrent;

namespace Gatewayz.Logging.Mel;

/// <summary>
/// Values built once per key, for keys that come from code (message formats, event ids, property
/// names), so there are few. Keys made at run time would not be: past <c>capacity</c> entries a value
/// is built per call instead of growing the cache.
/// </summary>
sealed class BoundedCache<TKey, TValue>(int capacity, Func<TKey, TValue> create) where TKey : notnull
{
    readonly ConcurrentDictionary<TKey, TValue> _values = new();

    public TValue Get(TKey key)
    {
        if (_values.TryGetValue(key, out var value))
            return value;
        value = create(key);
        // Count takes every lock of the dictionary: it is read only on a miss.
        return _values.Count < capacity ? _values.GetOrAdd(key, value) : value;
    }
}
