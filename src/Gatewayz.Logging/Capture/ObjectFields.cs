using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;

namespace Gatewayz.Logging.Capture;

/// <summary>
/// The fields of a context given as a dictionary or as an object (an anonymous type, a record):
/// dictionary entries, or public readable instance properties. Values stay as they are; Serilog
/// destructures them when the event is logged.
/// </summary>
static class ObjectFields
{
    static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static Dictionary<string, object?> Read(object? data)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        switch (data)
        {
            case null:
                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                foreach (var (key, value) in pairs)
                    fields[key] = value;
                break;
            case IEnumerable<KeyValuePair<string, string>> pairs:
                foreach (var (key, value) in pairs)
                    fields[key] = value;
                break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                    fields[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""] = entry.Value;
                break;
            default:
                foreach (var property in Properties.GetOrAdd(data.GetType(), Readable))
                    fields[property.Name] = property.GetValue(data);
                break;
        }
        return fields;
    }

    static PropertyInfo[] Readable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .ToArray();
}
