using Gatewayz.Logging.Mapping;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Parsing;

namespace Gatewayz.Logging.Mel;

/// <summary>
/// The properties of a MEL call or scope, as Serilog users know them: <c>{OriginalFormat}</c> is the
/// message template; a name starting with <c>@</c> destructures its value, with <c>$</c> stringifies
/// it; strings and whole numbers are taken as they are, anything else goes through the logger's
/// destructuring rules. A state with no template is rendered by MEL's formatter.
/// </summary>
static class MelState
{
    const string OriginalFormat = "{OriginalFormat}";
    /// <summary>A name without its leading <c>@</c> or <c>$</c>.</summary>
    static readonly BoundedCache<string, string> StrippedNames = new(1000, static name => name[1..]);

    /// <summary>MEL message formats parsed as Serilog templates, once per distinct format (at most 1,000 kept).</summary>
    static readonly BoundedCache<string, MessageTemplate> Templates = new(1000, new MessageTemplateParser().Parse);

    /// <summary>Adds the call's properties (overwriting scope properties of the same name); returns its template.</summary>
    public static MessageTemplate AddProperties<TState>(TState state, Func<TState, Exception?, string> formatter, Dictionary<string, LogEventPropertyValue> properties, Serilog.ILogger logger)
    {
        string? format = null;
        if (state is IReadOnlyList<KeyValuePair<string, object?>> list)
        {
            // LoggerMessage and the logging extension methods pass lists: indexing spares an enumerator.
            for (var i = 0; i < list.Count; i++)
                AddOrFindFormat(list[i], ref format, properties, logger);
        }
        else if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var pair in pairs)
                AddOrFindFormat(pair, ref format, properties, logger);
        }
        else
        {
            return Rendered("State", state, formatter, properties, logger);
        }

        if (format is not null)
            return Templates.Get(format);
        var type = state!.GetType();
        return type.IsGenericType
            ? Rendered("State", state, formatter, properties, logger)
            : Rendered(type.Name, state, formatter, properties, logger);
    }

    /// <summary>Adds one named value of a call or a scope, overwriting one of the same name.</summary>
    public static void Add(string name, object? value, Dictionary<string, LogEventPropertyValue> properties, Serilog.ILogger logger)
    {
        if (name.Length > 1 && name[0] == '@')
        {
            if (logger.BindProperty(Stripped(name), value, destructureObjects: true, out var destructured))
                properties[destructured.Name] = destructured.Value;
        }
        else if (name.Length > 1 && name[0] == '$')
        {
            if (logger.BindProperty(Stripped(name), Text(value), destructureObjects: false, out var stringified))
                properties[stringified.Name] = stringified.Value;
        }
        else if (value is null or string or int or long && LogEventProperty.IsValidName(name))
        {
            properties[name] = new ScalarValue(value);
        }
        else if (logger.BindProperty(name, value, destructureObjects: false, out var bound))
        {
            properties[bound.Name] = bound.Value;
        }
        else if (!LogEventProperty.IsValidName(name))
        {
            SelfLog.WriteLine("Gatewayz.Logging: a Microsoft.Extensions.Logging property or scope entry with an empty or blank name was left out of the event");
        }
    }

    static void AddOrFindFormat(KeyValuePair<string, object?> pair, ref string? format, Dictionary<string, LogEventPropertyValue> properties, Serilog.ILogger logger)
    {
        if (pair.Key == OriginalFormat && pair.Value is string text)
            format = text;
        else if (pair.Key is not null)
            Add(pair.Key, pair.Value, properties, logger);
    }

    /// <summary>A state without a template: MEL's formatter renders it into one property, shown as the message.</summary>
    static MessageTemplate Rendered<TState>(string name, TState state, Func<TState, Exception?, string> formatter, Dictionary<string, LogEventPropertyValue> properties, Serilog.ILogger logger)
    {
        object? value;
        try
        {
            value = formatter?.Invoke(state, null) ?? (object?)state;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            value = ScalarText.Unprintable(state);
        }
        if (logger.BindProperty(name, value, destructureObjects: false, out var property))
            properties[property.Name] = property.Value;
        return Templates.Get("{" + name + ":l}");
    }

    /// <summary>The value's text; one whose <c>ToString</c> throws is named by its type, as the message renderer does.</summary>
    static string? Text(object? value)
    {
        try
        {
            return value?.ToString();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ScalarText.Unprintable(value);
        }
    }

    static string Stripped(string name) => StrippedNames.Get(name);
}
