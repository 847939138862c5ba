using System.Globalization;
using Serilog.Events;

namespace Gatewayz.Logging.Mapping;

/// <summary>
/// The invariant text of a scalar, as a tag value or breadcrumb datum: no quotes, round-trip
/// numbers, ISO 8601 times, enum names. Never throws: a value whose <c>ToString</c> fails is named
/// by its type.
/// </summary>
static class ScalarText
{
    public static string? Format(object? value)
    {
        try
        {
            return value switch
            {
                null => null,
                string s => s,
                bool b => b ? "true" : "false",
                DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
                DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
                TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
                DateOnly d => d.ToString("O", CultureInfo.InvariantCulture),
                TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
                Guid g => g.ToString("D"),
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                float f => f.ToString("R", CultureInfo.InvariantCulture),
                byte[] bytes => Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 256))),
                Enum e => e.ToString(),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Unprintable(value);
        }
    }

    /// <summary>What stands for a value whose <c>ToString</c> throws: its type's name.</summary>
    public static string Unprintable(object? value) => $"[{value?.GetType().Name ?? "null"}: ToString() failed]";

    /// <summary>The text of a property value: scalars plainly, structures as Serilog renders them.</summary>
    public static string Format(LogEventPropertyValue value, int maxLength)
    {
        if (value is ScalarValue scalar)
            return TextCut.WithCount(Format(scalar.Value) ?? "null", maxLength);

        var json = BoundedJson.Write(value, maxLength * 2, SentryLimits.ContextDepth);
        return TextCut.WithCount(System.Text.Encoding.UTF8.GetString(json), maxLength);
    }
}
