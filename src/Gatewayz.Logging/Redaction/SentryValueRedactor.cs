using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Gatewayz.Logging.Mapping;
using Sentry;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Redacts the values the Sentry SDK serializes as they are: text, dictionaries, lists, and objects the app
/// put in a context, an extra or an exception's <c>Data</c>, whose public properties are read like a
/// dictionary's entries. A value under a sensitive key is filtered whatever it is. A value with nothing to
/// redact comes back as the same instance, else as a copy (an object as a dictionary of its properties).
/// Bounded and never throws: a value nested deeper than <see cref="MaxDepth"/> or with more than
/// <see cref="MaxMembers"/> members, and a property whose getter throws, become <see cref="NotScanned"/>.
/// The SDK's own types and the library's (already redacted) pass as they are.
/// </summary>
sealed class SentryValueRedactor(Redactor redactor)
{
    public const int MaxDepth = 6;
    public const int MaxMembers = 256;
    public const string NotScanned = "[Filtered: too large to scan]";

    static readonly Assembly Sdk = typeof(SentryEvent).Assembly;
    static readonly Assembly Library = typeof(SentryValueRedactor).Assembly;
    static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public string? Text(string? text) => text is null ? null : redactor.Text(text);

    /// <summary>A value under <paramref name="key"/>.</summary>
    public object? Entry(string key, object? value) => Entry(key, value, 0);

    object? Entry(string key, object? value, int depth) =>
        value is not null && redactor.IsSensitiveKey(key) ? SecretMask.Marker : Value(value, depth);

    /// <summary>A value whatever its key.</summary>
    public object? Value(object? value) => Value(value, 0);

    object? Value(object? value, int depth) => value switch
    {
        null => null,
        string text => redactor.Text(text),
        bool or char or Guid or DateTime or DateTimeOffset or TimeSpan or Enum => value,
        Uri uri => ReferenceEquals(redactor.Text(uri.OriginalString), uri.OriginalString) ? value : redactor.Text(uri.OriginalString),
        long or ulong or decimal or System.Numerics.BigInteger => Number(value),
        IConvertible => value,
        _ when depth >= MaxDepth => NotScanned,
        IDictionary<string, string> strings => Pairs(value, strings.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)), depth),
        IEnumerable<KeyValuePair<string, object?>> pairs => Pairs(value, pairs, depth),
        IDictionary dictionary => Pairs(value, Entries(dictionary), depth),
        IEnumerable sequence => Sequence(value, sequence, depth),
        _ when value.GetType().Assembly == Sdk || value.GetType().Assembly == Library => value,
        _ => Object(value, depth),
    };

    /// <summary>A number long enough to be a card number is read as text; others pass.</summary>
    object Number(object number)
    {
        var text = Convert.ToString(number, CultureInfo.InvariantCulture) ?? "";
        if (text.Length < 12)
            return number;
        var safe = redactor.Text(text);
        return ReferenceEquals(safe, text) ? number : safe;
    }

    static IEnumerable<KeyValuePair<string, object?>> Entries(IDictionary dictionary)
    {
        foreach (DictionaryEntry entry in dictionary)
            yield return new(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "", entry.Value);
    }

    /// <summary>
    /// <paramref name="original"/> itself when none of its entries needs redacting (the common case);
    /// otherwise a redacted copy. Each entry is redacted once.
    /// </summary>
    object Pairs(object original, IEnumerable<KeyValuePair<string, object?>> pairs, int depth, bool copyAnyway = false)
    {
        List<KeyValuePair<string, object?>>? seen = null;
        Dictionary<string, object?>? copy = null;
        var count = 0;
        foreach (var (key, value) in pairs)
        {
            if (++count > MaxMembers)
                return NotScanned;
            var safe = Entry(key, value, depth + 1);
            if (copy is null && !copyAnyway && ReferenceEquals(safe, value))
            {
                (seen ??= []).Add(new(key, value));
                continue;
            }
            if (copy is null)
            {
                copy = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (earlierKey, earlierValue) in seen ?? [])
                    copy[earlierKey] = earlierValue;
            }
            copy[key] = safe;
        }
        return copy ?? original;
    }

    object Sequence(object original, IEnumerable sequence, int depth)
    {
        List<object?>? items = null;
        var changed = false;
        var count = 0;
        foreach (var item in sequence)
        {
            if (++count > MaxMembers)
                return NotScanned;
            var safe = Value(item, depth + 1);
            changed |= !ReferenceEquals(safe, item);
            (items ??= []).Add(safe);
        }
        return changed ? items!.ToArray() : original;
    }

    /// <summary>An object's public readable properties, as a dictionary's entries.</summary>
    object Object(object value, int depth)
    {
        var properties = Properties.GetOrAdd(value.GetType(), Readable);
        if (properties.Length > MaxMembers)
            return NotScanned;
        var read = new KeyValuePair<string, object?>[properties.Length];
        var threw = false;
        for (var i = 0; i < properties.Length; i++)
        {
            try
            {
                read[i] = new(properties[i].Name, properties[i].GetValue(value));
            }
            catch (Exception)
            {
                // A getter that throws would cost the SDK the whole event when it serializes the object: the
                // copy is sent instead, with a marker for that property.
                read[i] = new(properties[i].Name, NotScanned);
                threw = true;
            }
        }
        return Pairs(value, read, depth, copyAnyway: threw);
    }

    static PropertyInfo[] Readable(Type type)
    {
        try
        {
            return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
                .ToArray();
        }
        catch (Exception)
        {
            return [];
        }
    }
}
