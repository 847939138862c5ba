using System.Globalization;
using Microsoft.Extensions.Configuration;
using Serilog.Events;

namespace Gatewayz.Logging.Configuration;

/// <summary>
/// Reads the <c>Sentry</c> section of appsettings.json into <see cref="GatewayzSentryOptions"/>.
/// A key it does not know, or a value it cannot read, is an error that names it: a misspelled
/// setting must not pass as a silent no-op.
/// </summary>
static class SentryConfigurationSection
{
    public const string Name = "Sentry";

    static readonly Dictionary<string, Action<GatewayzSentryOptions, IConfigurationSection>> Readers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Dsn"] = (o, s) => o.Dsn = s.Value,
        ["Enabled"] = (o, s) => o.Enabled = Boolean(s),
        ["Environment"] = (o, s) => o.Environment = s.Value,
        ["Release"] = (o, s) => o.Release = s.Value,
        ["SampleRate"] = (o, s) => o.SampleRate = Number(s),
        ["TracesSampleRate"] = (o, s) => o.TracesSampleRate = Number(s),
        ["ProfilesSampleRate"] = (o, s) => o.ProfilesSampleRate = Number(s),
        ["Debug"] = (o, s) => o.Debug = Boolean(s),
        ["Spotlight"] = (o, s) => o.Spotlight = s.Value,
        ["SendDefaultPii"] = (o, s) => o.SendDefaultPii = Boolean(s),
        ["MinimumEventLevel"] = (o, s) => o.MinimumEventLevel = Level(s),
        ["MinimumBreadcrumbLevel"] = (o, s) => o.MinimumBreadcrumbLevel = Level(s),
        ["Tags"] = (o, s) =>
        {
            foreach (var tag in List(s))
                o.TagProperties.Add(tag);
        },
        ["ReplaceDefaultTags"] = (o, s) =>
        {
            if (Boolean(s))
                o.TagProperties.Clear();
        },
        ["IgnoredExceptionTypes"] = (o, s) =>
        {
            foreach (var type in List(s))
                o.IgnoredExceptionTypes.Add(type);
        },
        ["CaptureCancellations"] = (o, s) => o.CaptureCancellations = Boolean(s),
        ["SensitiveKeys"] = (o, s) =>
        {
            foreach (var key in List(s))
                o.SensitiveKeys.Add(key);
        },
        ["SafeKeys"] = (o, s) =>
        {
            foreach (var key in List(s))
                o.SafeKeys.Add(key);
        },
        ["StormControl"] = (o, s) =>
        {
            foreach (var child in s.GetChildren())
            {
                switch (child.Key.ToUpperInvariant())
                {
                    case "ENABLED":
                        o.StormControl.Enabled = Boolean(child);
                        break;
                    case "MAXEVENTSPERFINGERPRINT":
                        o.StormControl.MaxEventsPerFingerprint = Integer(child);
                        break;
                    case "WINDOW":
                        o.StormControl.Window = Duration(child);
                        break;
                    default:
                        throw new ArgumentException(
                            $"Unknown Sentry setting '{child.Path}'. Known settings: Enabled, MaxEventsPerFingerprint, Window.", child.Path);
                }
            }
        },
        ["ShutdownTimeout"] = (o, s) => o.ShutdownTimeout = Duration(s),
        ["MaxQueueItems"] = (o, s) => o.MaxQueueItems = Integer(s),
    };

    public static void Bind(IConfigurationSection section, GatewayzSentryOptions options)
    {
        // ReplaceDefaultTags first, so that it clears the defaults and never the Tags listed beside it.
        var children = section.GetChildren().OrderBy(c => !string.Equals(c.Key, "ReplaceDefaultTags", StringComparison.OrdinalIgnoreCase));
        foreach (var child in children)
        {
            if (!Readers.TryGetValue(child.Key, out var read))
            {
                throw new ArgumentException(
                    $"Unknown Sentry setting '{child.Path}'. Known settings: {string.Join(", ", Readers.Keys)}.", child.Path);
            }
            read(options, child);
        }
    }

    static bool Boolean(IConfigurationSection s) => SentrySettingsResolver.ParseBoolean(s.Value ?? "", s.Path);

    static double? Number(IConfigurationSection s) =>
        string.IsNullOrWhiteSpace(s.Value) ? null
        : double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
        : throw Invalid(s, "expected a number");

    static int Integer(IConfigurationSection s) =>
        int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid(s, "expected a whole number");

    static TimeSpan Duration(IConfigurationSection s) =>
        TimeSpan.TryParse(s.Value, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid(s, "expected a duration such as 00:00:05");

    static LogEventLevel Level(IConfigurationSection s) =>
        Enum.TryParse<LogEventLevel>(s.Value, ignoreCase: true, out var level) && Enum.IsDefined(level) && !int.TryParse(s.Value, out _)
            ? level
            : throw Invalid(s, "expected Verbose, Debug, Information, Warning, Error or Fatal");

    static IEnumerable<string> List(IConfigurationSection s) =>
        s.Value is { } single
            ? single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : s.GetChildren().Select(c => c.Value).OfType<string>();

    static ArgumentException Invalid(IConfigurationSection s, string expectation) =>
        new($"Invalid Sentry setting configuration '{s.Path}' = '{s.Value}': {expectation}.", s.Path);
}
