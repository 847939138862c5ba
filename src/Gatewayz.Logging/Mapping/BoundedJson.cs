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
/// was cut. Non-finite numbers become strings, since JSON has no NaN.
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

    /// <summary>A JSON object of <paramref name="fields"/>; the object itself is depth 1.</summary>
    public static byte[] WriteObject(IEnumerable<KeyValuePair<string, LogEventPropertyValue>> fields, int maxBytes, int maxDepth)
    {
        using var json = new BoundedJson(maxBytes, maxDepth);
        json.WriteFields(fields, depth: 1, renameTypeField: true);
        return json.Finish();
    }

    /// <summary>A structure or dictionary as the body of a Sentry context, its <c>type</c> field moved aside.</summary>
    public static byte[] WriteContext(LogEventPropertyValue structured, int maxBytes, int maxDepth)
    {
        using var json = new BoundedJson(maxBytes, maxDepth);
        switch (structured)
        {
            case StructureValue structure:
                json.WriteFields(Fields(structure), depth: 1, renameTypeField: true, structure.TypeTag);
                break;
            case DictionaryValue dictionary:
                json.WriteFields(Fields(dictionary), depth: 1, renameTypeField: true);
                break;
            default:
                throw new ArgumentException("A context is built from a structure or a dictionary.", nameof(structured));
        }
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

    void WriteFields(IEnumerable<KeyValuePair<string, LogEventPropertyValue>> fields, int depth, bool renameTypeField, string? typeTag = null)
    {
        _writer.WriteStartObject();
        if (typeTag is not null)
            _writer.WriteString("$type", TextCut.WithEllipsis(TextCut.RepairSurrogates(typeTag), SentryLimits.FieldNameLength));

        var cut = 0;
        foreach (var (name, value) in fields)
        {
            if (cut > 0 || Remaining < 32 + name.Length)
            {
                cut++;
                continue;
            }
            _writer.WritePropertyName(FieldName(name, renameTypeField));
            WriteValue(value, depth + 1);
        }

        if (cut > 0)
            _writer.WriteString("_truncated", $"{cut.ToString(CultureInfo.InvariantCulture)} more fields cut at the size limit");
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
            case DictionaryValue dictionary when depth <= _maxDepth:
                WriteFields(Fields(dictionary), depth, renameTypeField: false);
                break;
            case SequenceValue sequence when depth <= _maxDepth:
                WriteSequence(sequence, depth);
                break;
            case StructureValue or DictionaryValue or SequenceValue:
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
            case BigInteger big:
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
        _writer.WriteStringValue(TextCut.WithCount(TextCut.RepairSurrogates(text), maxChars));
    }

    static IEnumerable<KeyValuePair<string, LogEventPropertyValue>> Fields(StructureValue structure) =>
        structure.Properties.Select(p => new KeyValuePair<string, LogEventPropertyValue>(p.Name, p.Value));

    static IEnumerable<KeyValuePair<string, LogEventPropertyValue>> Fields(DictionaryValue dictionary) =>
        dictionary.Elements.Select(e => new KeyValuePair<string, LogEventPropertyValue>(ScalarText.Format(e.Key.Value) ?? "null", e.Value));

    static string FieldName(string name, bool renameTypeField)
    {
        if (string.IsNullOrWhiteSpace(name))
            return "(empty)";
        // Inside a Sentry context, "type" names the context's type; a user's field of that name moves aside.
        if (renameTypeField && name == "type")
            return ContextNameRule.ReservedPrefix + "type";
        return TextCut.WithEllipsis(TextCut.RepairSurrogates(name), SentryLimits.FieldNameLength);
    }
}
