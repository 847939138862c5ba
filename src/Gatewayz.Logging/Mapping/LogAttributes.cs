using System.Globalization;
using System.Numerics;
using Serilog.Events;

namespace Gatewayz.Logging.Mapping;

/// <summary>
/// Collects the attributes of one log line, typed as Sentry's Logs know them: string, boolean,
/// integer, double. A structured value is flattened to <c>name.field</c> within
/// <see cref="LogLimits.FlattenDepth"/> and <see cref="LogLimits.FlattenFields"/>, or written as JSON
/// text beyond them; text is cut at <see cref="LogLimits.ValueLength"/> with the count of what was cut;
/// beyond <see cref="LogLimits.MaxAttributes"/> attributes are counted in <see cref="LogLimits.DroppedAttributes"/>.
/// </summary>
sealed class LogAttributes
{
    readonly List<KeyValuePair<string, object>> _items;
    int _dropped;

    /// <param name="capacity">How many attributes are expected, so that the list is sized once.</param>
    public LogAttributes(int capacity = 8) => _items = new(Math.Min(capacity, LogLimits.MaxAttributes + 1));

    /// <summary>The attributes, with the count of those left out when there are any.</summary>
    public List<KeyValuePair<string, object>> Complete()
    {
        if (_dropped > 0)
            _items.Add(new(LogLimits.DroppedAttributes, (long)_dropped));
        return _items;
    }

    public void Add(string name, object value)
    {
        if (_items.Count >= LogLimits.MaxAttributes)
        {
            _dropped++;
            return;
        }
        _items.Add(new(name, value));
    }

    public void AddText(string name, string text, int maxLength = LogLimits.ValueLength) => Add(name, TextCut.WithCount(text, maxLength));

    /// <summary>
    /// A property value of any shape under <paramref name="name"/> and, when given, the same attributes
    /// again under <paramref name="alias"/> (its fields renamed alike): the value is read once.
    /// </summary>
    public void AddValue(string name, LogEventPropertyValue value, string? alias = null)
    {
        var first = _items.Count;
        AddValue(name, value, 1);
        if (alias is null)
            return;
        var last = _items.Count;
        for (var i = first; i < last; i++)
        {
            var (key, added) = _items[i];
            Add(key.Length == name.Length ? alias : string.Concat(alias, key.AsSpan(name.Length)), added);
        }
    }

    void AddValue(string name, LogEventPropertyValue value, int depth)
    {
        switch (value)
        {
            case ScalarValue scalar:
                if (Typed(scalar.Value) is { } typed)
                    Add(name, typed);
                break;
            case StructureValue or DictionaryValue when depth <= LogLimits.FlattenDepth && (depth > 1 || FitsFlat(value, 1, LogLimits.FlattenFields) >= 0):
                foreach (var (field, fieldValue) in Fields(value))
                    AddValue(string.Concat(name, ".", field), fieldValue, depth + 1);
                break;
            default:
                AddText(name, ScalarText.Format(value, LogLimits.ValueLength));
                break;
        }
    }

    /// <summary>The fields left of <paramref name="budget"/> once the value is flattened; negative when it does not fit.</summary>
    static int FitsFlat(LogEventPropertyValue value, int depth, int budget)
    {
        foreach (var (_, field) in Fields(value))
        {
            budget = field is StructureValue or DictionaryValue && depth < LogLimits.FlattenDepth
                ? FitsFlat(field, depth + 1, budget)
                : budget - 1;
            if (budget < 0)
                return budget;
        }
        return budget;
    }

    /// <summary>The named fields of a structure or a dictionary.</summary>
    public static IEnumerable<(string Name, LogEventPropertyValue Value)> Fields(LogEventPropertyValue value) => value switch
    {
        StructureValue structure => structure.Properties.Select(p => (p.Name, p.Value)),
        DictionaryValue dictionary => dictionary.Elements.Select(e => (ScalarText.Format(e.Key.Value) ?? "null", e.Value)),
        _ => [],
    };

    /// <summary>
    /// A scalar as a Sentry attribute value: integers as <see cref="long"/> (text beyond its range),
    /// floating point and decimals as <see cref="double"/> (text when not finite), booleans as they
    /// are, everything else as text; null when there is nothing to send.
    /// </summary>
    public static object? Typed(object? value) => value switch
    {
        null => null,
        string s => TextCut.WithCount(s, LogLimits.ValueLength),
        bool b => b,
        sbyte or byte or short or ushort or int or uint or long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        ulong u when u <= long.MaxValue => (long)u,
        BigInteger b when b >= long.MinValue && b <= long.MaxValue => (long)b,
        double d when double.IsFinite(d) => d,
        float f when float.IsFinite(f) => (double)f,
        decimal m => (double)m,
        _ => TextCut.WithCount(ScalarText.Format(value) ?? "null", LogLimits.ValueLength),
    };
}
