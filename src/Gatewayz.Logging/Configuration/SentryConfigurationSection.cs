using System.Globalization;
using Microsoft.Extensions.Configuration;
using Sentry;
using Serilog.Events;

namespace Gatewayz.Logging.Configuration;

/// <summary>
/// Reads the <c>Sentry</c> section of appsettings.json into <see cref="GatewayzSentryOptions"/>. The
/// section is shared with Sentry's own options (<c>UseSentry()</c> binds it too): their keys are
/// accepted, keys both know mean the same, and when the library initialises the SDK it applies
/// Sentry's keys with the configuration binder, as Sentry.AspNetCore would. A value the library cannot
/// read is an error that names it; a key neither knows is a warning that names it and the nearest known
/// key: a misspelled setting must not pass silently, and must not stop an app that ran without the library.
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
        // Sentry's own spelling of the same setting, read in Bind: EnableSpotlight, with SpotlightUrl beside it.
        ["EnableSpotlight"] = (_, s) => Boolean(s),
        ["SpotlightUrl"] = (_, _) => { },
        ["SendDefaultPii"] = (o, s) => o.SendDefaultPii = Boolean(s),
        ["MinimumEventLevel"] = (o, s) => o.MinimumEventLevel = Level(s),
        ["MinimumBreadcrumbLevel"] = (o, s) => o.MinimumBreadcrumbLevel = Level(s),
        // The key Sentry's own options bind too (SentryOptions in 6, its logging options in 7).
        ["EnableLogs"] = (o, s) => o.EnableLogs = Boolean(s),
        ["MinimumLogLevel"] = (o, s) => o.MinimumLogLevel = Level(s),
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
                    // Any other key is reported by Bind, as a warning.
                }
            }
        },
        ["ShutdownTimeout"] = (o, s) => o.ShutdownTimeout = Duration(s),
        ["MaxQueueItems"] = (o, s) => o.MaxQueueItems = Integer(s),
    };

    /// <summary>The library's keys, hidden from the configuration binder: it reads and applies them itself.</summary>
    static readonly HashSet<string> LibraryKeys = new(Readers.Keys, StringComparer.OrdinalIgnoreCase);

    static readonly string[] StormControlKeys = ["Enabled", "MaxEventsPerFingerprint", "Window"];

    /// <summary>
    /// Reads the section into <paramref name="options"/>. A bad value of a key the library reads is an
    /// <see cref="ArgumentException"/>; a key neither the library nor Sentry's options know is passed to
    /// <paramref name="warn"/> with the nearest known key, since Sentry ignores it and an app that ran
    /// without the library must still start with it.
    /// </summary>
    public static void Bind(IConfigurationSection section, GatewayzSentryOptions options, Action<string> warn)
    {
        // ReplaceDefaultTags first, so that it clears the defaults and never the Tags listed beside it.
        var children = section.GetChildren().OrderBy(c => !string.Equals(c.Key, "ReplaceDefaultTags", StringComparison.OrdinalIgnoreCase));
        foreach (var child in children)
        {
            if (Readers.TryGetValue(child.Key, out var read))
            {
                read(options, child);
                if (string.Equals(child.Key, "StormControl", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var unknown in child.GetChildren().Where(c => !StormControlKeys.Contains(c.Key, StringComparer.OrdinalIgnoreCase)))
                        warn(Unknown(unknown, StormControlKeys, $"Storm control's settings: {string.Join(", ", StormControlKeys)}."));
                }
            }
            else if (!SentryOptionKeys.All.Contains(child.Key))
            {
                warn(Unknown(child, Readers.Keys.Concat(SentryOptionKeys.All),
                    $"Gatewayz.Logging's settings: {string.Join(", ", Readers.Keys)}; Sentry's are the properties of SentryOptions and SentryAspNetCoreOptions."));
            }
        }

        if (options.Spotlight is null && section.GetSection("EnableSpotlight") is { Value: not null } enable && Boolean(enable))
            options.Spotlight = section["SpotlightUrl"] is { Length: > 0 } url ? url : "true";
    }

    /// <summary>
    /// Applies the section's keys that Sentry's options know to <paramref name="options"/> with the
    /// configuration binder, as <c>UseSentry()</c> does; a value the binder cannot read is an error
    /// that names the section.
    /// </summary>
    public static void BindSentryKeys(IConfigurationSection section, SentryOptions options)
    {
        try
        {
            new SentryKeysView(section, LibraryKeys).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new ArgumentException($"Invalid Sentry setting in configuration '{section.Path}': {ex.Message}", section.Path, ex);
        }
    }

    static string Unknown(IConfigurationSection setting, IEnumerable<string> known, string listing)
    {
        var suggestion = NearestName.Find(setting.Key, known) is { } nearest ? $" Did you mean '{nearest}'?" : "";
        return $"Unknown Sentry setting '{setting.Path}' is ignored: neither Gatewayz.Logging nor Sentry's options know it.{suggestion} {listing}";
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

    static LogEventLevel Level(IConfigurationSection s) => LevelNames.Parse(s.Value, $"configuration '{s.Path}'");

    /// <summary>A list as an array, or as one comma-separated value.</summary>
    public static IEnumerable<string> List(IConfigurationSection s) =>
        s.Value is { } single
            ? single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : s.GetChildren().Select(c => c.Value).OfType<string>();

    static ArgumentException Invalid(IConfigurationSection s, string expectation) =>
        new($"Invalid Sentry setting configuration '{s.Path}' = '{s.Value}': {expectation}.", s.Path);
}
