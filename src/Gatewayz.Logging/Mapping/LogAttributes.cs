using System.Globalization;
using System.Numerics;
using Serilog.Events;

namespace Gatewayz.Logging.Mapping;

/// <summary>
/// The attributes of one log line, typed as Sentry's Logs know them (string, boolean, integer,
/// double), within the bounds below, each cut marked. Sentry trims a log item over 1 MB; a line
/// stays far below that.
/// </summary>
sealed class LogAttributes
{
    /// <summary>A text attribute (a property, a template parameter, an exception's message).</summary>
    const int ValueLength = 2048;

    /// <summary>Attributes of one line, besides the SDK's own (environment, release, SDK).</summary>
    const int MaxAttributes = 128;

    /// <summary>How deep a structured value is flattened to <c>name.field.field</c> before it becomes JSON text.</summary>
    const int FlattenDepth = 3;

    /// <summary>Fields one structured value may flatten to before it becomes JSON text instead.</summary>
    const int FlattenFields = 24;

    /// <summary>The attribute that counts attributes left out beyond <see cref="MaxAttributes"/>.</summary>
    const string DroppedAttributes = "gatewayz.attributes_dropped";

    readonly List<KeyValuePair<string, object>> _items;
    int _dropped;

    /// <param name="capacity">How many attributes are expected, so that the list is sized once.</param>
    public LogAttributes(int capacity = 8) => _items = new(Math.Min(capacity, MaxAttributes + 1));

    /// <summary>The attributes, with the count of those left out when there are any.</summary>
    public List<KeyValuePair<string, object>> Complete()
    {
        if (_dropped > 0)
            _items.Add(new(DroppedAttributes, (long)_dropped));
        return _items;
    }

    public void Add(string name, object value)
    {
        if (_items.Count >= MaxAttributes)
        {
            _dropped++;
            return;
        }
        _items.Add(new(name, value));
    }

    public void AddText(string name, string text, int maxLength = ValueLength) => Add(name, TextCut.WithCount(text, maxLength));

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
            case StructureValue or DictionaryValue when depth <= FlattenDepth && (depth > 1 || FitsFlat(value, 1, FlattenFields) >= 0):
                foreach (var (field, fieldValue) in BoundedJson.Fields(value))
                    AddValue(string.Concat(name, ".", field), fieldValue, depth + 1);
                break;
            default:
                AddText(name, ScalarText.Format(value, ValueLength));
                break;
        }
    }

    /// <summary>The fields left of <paramref name="budget"/> once the value is flattened; negative when it does not fit.</summary>
    static int FitsFlat(LogEventPropertyValue value, int depth, int budget)
    {
        foreach (var (_, field) in BoundedJson.Fields(value))
        {
            budget = field is StructureValue or DictionaryValue && depth < FlattenDepth
                ? FitsFlat(field, depth + 1, budget)
                : budget - 1;
            if (budget < 0)
                return budget;
        }
        return budget;
    }

    /// <summary>
    /// A scalar as a Sentry attribute value: integers as <see cref="long"/> (text beyond its range),
    /// floating point and decimals as <see cref="double"/> (text when not finite), booleans as they
    /// are, everything else as text; null when there is nothing to send.
    /// </summary>
    public static object? Typed(object? value) => value switch
    {
        null => null,
        string s => TextCut.WithCount(s, ValueLength),
        bool b => b,
        sbyte or byte or short or ushort or int or uint or long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        ulong u when u <= long.MaxValue => (long)u,
        BigInteger b when b >= long.MinValue && b <= long.MaxValue => (long)b,
        double d when double.IsFinite(d) => d,
        float f when float.IsFinite(f) => (double)f,
        decimal m => (double)m,
        _ => TextCut.WithCount(ScalarText.Format(value) ?? "null", ValueLength),
    };
}
