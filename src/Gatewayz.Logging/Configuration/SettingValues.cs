using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Serilog.Events;

namespace Gatewayz.Logging.Configuration;

/// <summary>
/// Reads a setting's text (a <c>Sentry</c> section value, a <c>SENTRY_*</c> variable) into the type
/// of the <see cref="GatewayzSentryOptions"/> property it sets, one way for every source. A value that
/// cannot be read is an <see cref="ArgumentException"/> naming the setting and the value.
/// </summary>
static class SettingValues
{
    /// <summary>True for the property types a text can set.</summary>
    public static bool CanRead(Type type) =>
        type == typeof(string) || type == typeof(bool) || type == typeof(int) || type == typeof(double?)
        || type == typeof(TimeSpan) || type == typeof(LogEventLevel);

    /// <summary>
    /// Sets <paramref name="option"/> of <paramref name="target"/> from <paramref name="text"/>: read here,
    /// with the library's spellings and messages, then assigned by the configuration binder in its
    /// canonical form (the library itself sets no property through reflection).
    /// </summary>
    public static void Set(object target, PropertyInfo option, string? text, string setting)
    {
        var canonical = Parse(option.PropertyType, text, setting) switch
        {
            null => null,
            bool flag => flag ? "true" : "false",
            double number => number.ToString("R", CultureInfo.InvariantCulture),
            int whole => whole.ToString(CultureInfo.InvariantCulture),
            TimeSpan duration => duration.ToString("c", CultureInfo.InvariantCulture),
            LogEventLevel level => level.ToString(),
            var value => (string)value,
        };
        new ConfigurationBuilder().AddInMemoryCollection([new(option.Name, canonical)]).Build().Bind(target);
    }

    static object? Parse(Type type, string? text, string setting)
    {
        if (type == typeof(string))
            return text;
        if (type == typeof(bool))
            return Boolean(text ?? "", setting);
        if (type == typeof(double?))
        {
            return string.IsNullOrWhiteSpace(text) ? null
                : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number
                : throw Invalid(setting, text, "expected a number");
        }
        if (type == typeof(int))
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) ? whole : throw Invalid(setting, text, "expected a whole number");
        if (type == typeof(TimeSpan))
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var duration) ? duration : throw Invalid(setting, text, "expected a duration such as 00:00:05");
        if (type == typeof(LogEventLevel))
            return LevelNames.Parse(text, setting);
        throw new ArgumentOutOfRangeException(nameof(type), type, "not a type a setting's text can set");
    }

    /// <summary><see cref="AsBoolean"/>, or an error naming the setting.</summary>
    public static bool Boolean(string text, string setting) =>
        AsBoolean(text) ?? throw Invalid(setting, text, "expected true/false, 1/0 or yes/no");

    /// <summary>true/false, 1/0, yes/no or on/off, in any case; null for any other text.</summary>
    public static bool? AsBoolean(string text) =>
        text.Trim().ToUpperInvariant() switch
        {
            "1" or "TRUE" or "YES" or "ON" => true,
            "0" or "FALSE" or "NO" or "OFF" => false,
            _ => null,
        };

    public static ArgumentException Invalid(string setting, object? value, string expectation) =>
        new($"Invalid Sentry setting {setting} = '{value}': {expectation}.", setting);
}
