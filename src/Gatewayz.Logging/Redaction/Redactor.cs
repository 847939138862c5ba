using System.Numerics;
using System.Runtime.CompilerServices;
using Serilog.Events;
using Serilog.Parsing;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Applies the redaction rules to what a log event carries: a value under a sensitive key becomes
/// <c>[Filtered]</c>; any text is scanned for secrets whatever its key; structures, dictionaries and
/// sequences are walked. A value with nothing to redact is returned as the same instance, so the
/// common case copies nothing. Its caches hold verdicts of its own rules: they are never shared with
/// a redactor of other rules.
/// </summary>
sealed class Redactor
{
    public static readonly ScalarValue Filtered = new(SecretMask.Marker);

    readonly SensitiveKeys _keys;
    readonly SecretScanner _scanner;
    /// <summary>Longer strings are not remembered: they are rarely repeated by identity, and would pin memory.</summary>
    const int MaxRememberedLength = 256;

    /// <summary>Structures of more properties are not remembered: only small ones (a MEL event id) repeat by identity.</summary>
    const int MaxRememberedProperties = 4;

    readonly KnownCleanValues<string> _cleanTexts = new();
    readonly KnownCleanValues<string> _plainKeys = new();
    readonly KnownCleanValues<StructureValue> _cleanStructures = new();
    readonly ConditionalWeakTable<MessageTemplate, MessageTemplate> _templates = new();
    readonly ConditionalWeakTable<MessageTemplate, TemplateMarksOf> _marks = new();

    public Redactor(IEnumerable<string>? sensitiveKeys = null, IEnumerable<string>? safeKeys = null, bool sendDefaultPii = false)
    {
        _keys = new SensitiveKeys(sensitiveKeys, safeKeys, includePersonalData: !sendDefaultPii);
        _scanner = new SecretScanner(_keys, includePersonalData: !sendDefaultPii);
        SendDefaultPii = sendDefaultPii;
    }

    public bool SendDefaultPii { get; }

    public bool IsSensitiveKey(string key)
    {
        if (_plainKeys.Contains(key))
            return false;
        var sensitive = _keys.IsSensitive(key);
        if (!sensitive && key.Length <= MaxRememberedLength)
            _plainKeys.Add(key);
        return sensitive;
    }

    /// <summary>
    /// Text made for one event and not seen again (an exception's message, a stack trace) with its
    /// secrets masked; the same instance when there are none. Unlike <see cref="Text"/>, it neither looks
    /// for the instance among those seen before nor remembers it.
    /// </summary>
    public string FreshText(string text) => _scanner.Redact(text);

    /// <summary>The text with its secrets masked; the same instance when there are none.</summary>
    public string Text(string text)
    {
        if (_cleanTexts.Contains(text))
            return text;
        var redacted = _scanner.Redact(text);
        if (ReferenceEquals(redacted, text) && text.Length <= MaxRememberedLength)
            _cleanTexts.Add(text);
        return redacted;
    }

    /// <summary>
    /// The template with secrets in its literal text masked (an interpolated string, say); the same
    /// instance when there are none. Checked once per template instance: Serilog reuses it for every
    /// event logged with the same text.
    /// </summary>
    public MessageTemplate Template(MessageTemplate template)
    {
        if (_templates.TryGetValue(template, out var known))
            return known;

        var tokens = template.Tokens.ToList();
        var changed = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] is TextToken text && Text(text.Text) is var safe && !ReferenceEquals(safe, text.Text))
            {
                tokens[i] = new TextToken(safe);
                changed = true;
            }
        }
        var result = changed ? new MessageTemplate(Text(template.Text), tokens) : template;
        _templates.AddOrUpdate(template, result);
        return result;
    }

    /// <summary>
    /// The properties the template's literal text marks as secrets (<c>password={P}</c>), per
    /// <see cref="TemplateMarks"/>; found once per template instance.
    /// </summary>
    public string[] Marks(MessageTemplate template)
    {
        // The enricher and the sink ask about the same event's template one after the other, and a
        // run of one logging statement repeats it: the last answer is read without the table.
        if (_lastMarks is { } last && ReferenceEquals(last.Template, template))
            return last.Marks;
        // The table holds the pair itself, so that making it the last one allocates nothing.
        if (!_marks.TryGetValue(template, out var known))
        {
            known = new TemplateMarksOf(template, TemplateMarks.Find(template, _scanner));
            _marks.AddOrUpdate(template, known);
        }
        _lastMarks = known;
        return known.Marks;
    }

    volatile TemplateMarksOf? _lastMarks;

    sealed record TemplateMarksOf(MessageTemplate Template, string[] Marks);

    /// <summary>
    /// The event with the properties its template marks filtered; the same instance when there are none
    /// or they are filtered already. The app's event is not changed.
    /// </summary>
    public LogEvent Marked(LogEvent logEvent)
    {
        List<LogEventProperty>? masked = null;
        CollectMarked(logEvent, ref masked);
        if (masked is null)
            return logEvent;
        var copy = LogEventCopy.With(logEvent, logEvent.MessageTemplate, logEvent.Exception);
        foreach (var property in masked)
            copy.AddOrUpdateProperty(property);
        return copy;
    }

    /// <summary>Adds a filtered property for each one the template marks that is not filtered already.</summary>
    void CollectMarked(LogEvent logEvent, ref List<LogEventProperty>? list)
    {
        foreach (var name in Marks(logEvent.MessageTemplate))
        {
            if (logEvent.Properties.TryGetValue(name, out var value) && value is not ScalarValue { Value: null or SecretMask.Marker })
                (list ??= []).Add(new LogEventProperty(name, Filtered));
        }
    }

    /// <summary>The text under <paramref name="key"/>: filtered when the key is sensitive, else with its secrets masked.</summary>
    public string Entry(string key, string value) => IsSensitiveKey(key) ? SecretMask.Marker : Text(value);

    /// <summary>A property, by name and value.</summary>
    public LogEventPropertyValue Property(string name, LogEventPropertyValue value) =>
        IsSensitiveKey(name) && value is not ScalarValue { Value: null } ? Filtered : Value(value);

    /// <summary>A value whatever its key.</summary>
    public LogEventPropertyValue Value(LogEventPropertyValue value) => value switch
    {
        ScalarValue scalar => Scalar(scalar),
        StructureValue structure => Structure(structure),
        DictionaryValue dictionary => Dictionary(dictionary),
        SequenceValue sequence => Sequence(sequence),
        _ => value,
    };

    ScalarValue Scalar(ScalarValue scalar)
    {
        var text = scalar.Value switch
        {
            string s => s,
            Uri uri => uri.OriginalString,
            // Only numbers long enough to be card numbers are worth formatting.
            long l when l is >= 1_000_000_000_000 or <= -1_000_000_000_000 => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ulong u when u >= 1_000_000_000_000 => u.ToString(System.Globalization.CultureInfo.InvariantCulture),
            decimal m when Math.Abs(m) >= 1_000_000_000_000 => m.ToString(System.Globalization.CultureInfo.InvariantCulture),
            BigInteger b => b.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };
        if (text is null)
            return scalar;
        var redacted = Text(text);
        return ReferenceEquals(redacted, text) ? scalar : new ScalarValue(redacted);
    }

    StructureValue Structure(StructureValue structure)
    {
        if (_cleanStructures.Contains(structure))
            return structure;
        List<LogEventProperty>? changed = null;
        var properties = structure.Properties;
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var value = Property(property.Name, property.Value);
            if (changed is null && !ReferenceEquals(value, property.Value))
                changed = [.. properties.Take(i)];
            changed?.Add(ReferenceEquals(value, property.Value) ? property : new LogEventProperty(property.Name, value));
        }
        if (changed is not null)
            return new StructureValue(changed, structure.TypeTag);
        if (CannotChange(structure))
            _cleanStructures.Add(structure);
        return structure;
    }

    /// <summary>
    /// A small structure of scalars that are short strings or values: Serilog's values do not change
    /// once made, so its verdict holds for as long as the instance lives.
    /// </summary>
    static bool CannotChange(StructureValue structure)
    {
        var properties = structure.Properties;
        if (properties.Count > MaxRememberedProperties)
            return false;
        for (var i = 0; i < properties.Count; i++)
        {
            if (properties[i].Value is not ScalarValue { Value: null or ValueType or string { Length: <= MaxRememberedLength } })
                return false;
        }
        return true;
    }

    DictionaryValue Dictionary(DictionaryValue dictionary)
    {
        List<KeyValuePair<ScalarValue, LogEventPropertyValue>>? changed = null;
        var index = 0;
        foreach (var (key, element) in dictionary.Elements)
        {
            var value = key.Value is string name ? Property(name, element) : Value(element);
            var redactedKey = Scalar(key);
            var same = ReferenceEquals(value, element) && ReferenceEquals(redactedKey, key);
            if (changed is null && !same)
                changed = [.. dictionary.Elements.Take(index)];
            changed?.Add(same ? new(key, element) : new(redactedKey, value));
            index++;
        }
        return changed is null ? dictionary : new DictionaryValue(changed);
    }

    SequenceValue Sequence(SequenceValue sequence)
    {
        List<LogEventPropertyValue>? changed = null;
        var elements = sequence.Elements;
        for (var i = 0; i < elements.Count; i++)
        {
            var value = Value(elements[i]);
            if (changed is null && !ReferenceEquals(value, elements[i]))
                changed = [.. elements.Take(i)];
            changed?.Add(value);
        }
        return changed is null ? sequence : new SequenceValue(changed);
    }

    /// <summary>
    /// Redacts every property of a log event in place, and filters those its template marks; properties
    /// with nothing to redact are left as they are.
    /// </summary>
    public void Properties(LogEvent logEvent)
    {
        List<LogEventProperty>? changed = null;
        // Serilog keeps the properties in a Dictionary: its struct enumerator spares an allocation per event.
        if (logEvent.Properties is Dictionary<string, LogEventPropertyValue> properties)
        {
            foreach (var (name, value) in properties)
                Collect(name, value, ref changed);
        }
        else
        {
            foreach (var (name, value) in logEvent.Properties)
                Collect(name, value, ref changed);
        }
        CollectMarked(logEvent, ref changed);
        if (changed is null)
            return;
        foreach (var property in changed)
            logEvent.AddOrUpdateProperty(property);
    }

    void Collect(string name, LogEventPropertyValue value, ref List<LogEventProperty>? changed)
    {
        var redacted = Property(name, value);
        if (!ReferenceEquals(redacted, value))
            (changed ??= []).Add(new LogEventProperty(name, redacted));
    }
}
