using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Serilog.Events;

namespace Gatewayz.Logging.Mapping;

/// <summary>
/// Writes Serilog property values as JSON within a byte budget and a nesting depth, keeping JSON
/// types (numbers stay numbers, <c>decimal</c> exactly) and marking every place where something
/// was cut, and counting those places for the event's <see cref="CutReport"/>. Non-finite numbers,
/// and integers too large for a double, become strings: JSON has no NaN, and Sentry reads numbers as
/// doubles. Names that had to change (empty, too long) never collide with each other.
/// </summary>
sealed class BoundedJson : IDisposable
{
    static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    readonly ArrayBufferWriter<byte> _buffer;
    readonly Utf8JsonWriter _writer;
    readonly int _budget;
    readonly int _maxDepth;
    int _fieldsCut;
    int _itemsCut;
    int _textsCut;
    int _tooDeep;
    int _namesChanged;

    BoundedJson(int maxBytes, int maxDepth)
    {
        _buffer = new ArrayBufferWriter<byte>(Math.Min(maxBytes, 1024));
        _writer = new Utf8JsonWriter(_buffer, WriterOptions);
        // Room kept back for the markers and closing brackets written after the budget runs out.
        _budget = maxBytes - Math.Min(384, maxBytes / 4);
        _maxDepth = maxDepth;
    }

    long Size => _writer.BytesCommitted + _writer.BytesPending;

    long Remaining => _budget - Size;

    /// <summary>
    /// A JSON object of <paramref name="fields"/> (itself depth 1), its <c>type</c> field moved aside
    /// as in a Sentry context, <paramref name="typeTag"/> as <c>$type</c>; <paramref name="report"/>
    /// is told what was cut, as <paramref name="name"/>.
    /// </summary>
    public static byte[] WriteObject(IEnumerable<KeyValuePair<string, LogEventPropertyValue>> fields, int maxBytes, int maxDepth, CutReport? report = null, string? name = null, string? typeTag = null)
    {
        using var json = new BoundedJson(maxBytes, maxDepth);
        json.WriteFields(fields, depth: 1, renameTypeField: true, typeTag);
        json.Report(report, name);
        return json.Finish();
    }

    /// <summary>One value as JSON.</summary>
    public static byte[] Write(LogEventPropertyValue value, int maxBytes, int maxDepth)
    {
        using var json = new BoundedJson(maxBytes, maxDepth);
        json.WriteValue(value, depth: 1);
        return json.Finish();
    }

    byte[] Finish()
    {
        _writer.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    public void Dispose() => _writer.Dispose();

    void Report(CutReport? report, string? name)
    {
        if (report is null || (_fieldsCut | _itemsCut | _textsCut | _tooDeep | _namesChanged) == 0)
            return;
        var parts = new List<string>(5);
        Count(parts, _fieldsCut, "fields cut at the size limit (_truncated)");
        Count(parts, _itemsCut, "list items cut at the size limit ([+N more items cut…])");
        Count(parts, _textsCut, "values shortened (…[+N chars])");
        Count(parts, _tooDeep, $"values nested deeper than {_maxDepth.ToString(CultureInfo.InvariantCulture)} levels cut ([cut: …])");
        Count(parts, _namesChanged, "field names replaced because they were empty, too long or invalid ((empty), …)");
        report.Add($"{name}: {string.Join(", ", parts)}");

        static void Count(List<string> parts, int count, string what)
        {
            if (count > 0)
                parts.Add($"{count.ToString("N0", CultureInfo.InvariantCulture)} {what}");
        }
    }

    void WriteFields(IEnumerable<KeyValuePair<string, LogEventPropertyValue>> fields, int depth, bool renameTypeField, string? typeTag = null)
    {
        _writer.WriteStartObject();
        if (typeTag is not null)
            _writer.WriteString("$type", TextCut.WithEllipsis(TextCut.RepairSurrogates(typeTag), SentryLimits.FieldNameLength));

        var cut = 0;
        HashSet<string>? changedNames = null;
        foreach (var (name, value) in fields)
        {
            if (cut > 0 || Remaining < 32 + name.Length)
            {
                cut++;
                continue;
            }
            _writer.WritePropertyName(FieldName(name, renameTypeField, ref changedNames));
            WriteValue(value, depth + 1);
        }

        if (cut > 0)
        {
            _fieldsCut += cut;
            _writer.WriteString("_truncated", $"{cut.ToString(CultureInfo.InvariantCulture)} more fields cut at the size limit");
        }
        _writer.WriteEndObject();
    }

    void WriteValue(LogEventPropertyValue value, int depth)
    {
        switch (value)
        {
            case ScalarValue scalar:
                WriteScalar(scalar.Value);
                break;
            case StructureValue structure when depth <= _maxDepth:
                WriteFields(Fields(structure), depth, renameTypeField: false, structure.TypeTag);
                break;
            case DictionaryValue when depth <= _maxDepth:
                WriteFields(Fields(value), depth, renameTypeField: false);
                break;
            case SequenceValue sequence when depth <= _maxDepth:
                WriteSequence(sequence, depth);
                break;
            case StructureValue or DictionaryValue or SequenceValue:
                _tooDeep++;
                _writer.WriteStringValue($"[cut: nested deeper than {_maxDepth.ToString(CultureInfo.InvariantCulture)} levels]");
                break;
            default:
                WriteScalar(value.ToString());
                break;
        }
    }

    void WriteSequence(SequenceValue sequence, int depth)
    {
        _writer.WriteStartArray();
        var elements = sequence.Elements;
        for (var i = 0; i < elements.Count; i++)
        {
            if (Remaining < 24)
            {
                _itemsCut += elements.Count - i;
                _writer.WriteStringValue($"[+{(elements.Count - i).ToString(CultureInfo.InvariantCulture)} more items cut at the size limit]");
                break;
            }
            WriteValue(elements[i], depth + 1);
        }
        _writer.WriteEndArray();
    }

    void WriteScalar(object? value)
    {
        switch (value)
        {
            case null:
                _writer.WriteNullValue();
                break;
            case string s:
                WriteText(s);
                break;
            case bool b:
                _writer.WriteBooleanValue(b);
                break;
            case int or long or short or sbyte:
                _writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case uint or ulong or ushort or byte:
                _writer.WriteNumberValue(Convert.ToUInt64(value, CultureInfo.InvariantCulture));
                break;
            case decimal m:
                _writer.WriteNumberValue(m);
                break;
            case double d when double.IsFinite(d):
                _writer.WriteNumberValue(d);
                break;
            case float f when float.IsFinite(f):
                _writer.WriteNumberValue(f);
                break;
            case BigInteger big when big >= long.MinValue && big <= ulong.MaxValue:
                _writer.WriteRawValue(big.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
                break;
            default:
                WriteText(ScalarText.Format(value) ?? "null");
                break;
        }
    }

    void WriteText(string text)
    {
        // UTF-8 takes up to three bytes per UTF-16 unit; escapes rarely more.
        var maxChars = (int)Math.Clamp(Remaining / 3, 16, int.MaxValue);
        if (text.Length > maxChars)
            _textsCut++;
        _writer.WriteStringValue(TextCut.WithCount(TextCut.RepairSurrogates(text), maxChars));
    }

    /// <summary>The named fields of a structure or a dictionary; a dictionary's null key is named <c>null</c>, or empty when asked.</summary>
    public static IEnumerable<KeyValuePair<string, LogEventPropertyValue>> Fields(LogEventPropertyValue value, bool emptyNullKey = false) => value switch
    {
        StructureValue structure => structure.Properties.Select(static p => new KeyValuePair<string, LogEventPropertyValue>(p.Name, p.Value)),
        DictionaryValue dictionary when emptyNullKey => dictionary.Elements.Select(static e => Field(e, "")),
        DictionaryValue dictionary => dictionary.Elements.Select(static e => Field(e, "null")),
        _ => [],
    };

    static KeyValuePair<string, LogEventPropertyValue> Field(KeyValuePair<ScalarValue, LogEventPropertyValue> entry, string nullKey) =>
        new(ScalarText.Format(entry.Key.Value) ?? nullKey, entry.Value);

    /// <summary>
    /// The name as written. A changed name is counted, and numbered when it repeats another changed
    /// name of the object: JSON keeps one value of a repeated name.
    /// </summary>
    string FieldName(string name, bool renameTypeField, ref HashSet<string>? changedNames)
    {
        // Inside a Sentry context, "type" names the context's type; a user's field of that name moves aside.
        if (renameTypeField && name == "type")
            return ContextNameRule.ReservedPrefix + "type";

        var written = string.IsNullOrWhiteSpace(name)
            ? "(empty)"
            : TextCut.WithEllipsis(TextCut.RepairSurrogates(name), SentryLimits.FieldNameLength);
        if (ReferenceEquals(written, name))
            return name;

        _namesChanged++;
        changedNames ??= new HashSet<string>(StringComparer.Ordinal);
        var unique = written;
        for (var n = 2; !changedNames.Add(unique); n++)
            unique = $"{written} ({n.ToString(CultureInfo.InvariantCulture)})";
        return unique;
    }
}
