using System.Reflection;
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

    const string ReplaceDefaultTags = "ReplaceDefaultTags";
    const string EnableSpotlight = "EnableSpotlight";
    const string SpotlightUrl = "SpotlightUrl";

    /// <summary>
    /// The library's keys: every public option a text can set, under its own name (<c>Tags</c> for
    /// <see cref="GatewayzSentryOptions.TagProperties"/>), lists and storm control included; a new option is a new key.
    /// </summary>
    static readonly Dictionary<string, PropertyInfo> Options = KeysOf(typeof(GatewayzSentryOptions));

    static readonly Dictionary<string, PropertyInfo> StormControlOptions = KeysOf(typeof(StormControlOptions));

    /// <summary>The keys the library reads, as an unknown key's warning lists them.</summary>
    static readonly string[] LibraryKeyNames = [.. Options.Keys, ReplaceDefaultTags];

    /// <summary>The library's keys, hidden from the configuration binder: it reads and applies them itself (Sentry's spelling of Spotlight too).</summary>
    static readonly HashSet<string> LibraryKeys = new([.. LibraryKeyNames, EnableSpotlight, SpotlightUrl], StringComparer.OrdinalIgnoreCase);

    static Dictionary<string, PropertyInfo> KeysOf(Type options) =>
        options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite ? SettingValues.CanRead(p.PropertyType) : p.PropertyType == typeof(ISet<string>) || p.PropertyType == typeof(StormControlOptions))
            .ToDictionary(p => p.Name == nameof(GatewayzSentryOptions.TagProperties) ? "Tags" : p.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Reads the section into <paramref name="options"/>. A bad value of a key the library reads is an
    /// <see cref="ArgumentException"/>; a key neither the library nor Sentry's options know is passed to
    /// <paramref name="warn"/> with the nearest known key, since Sentry ignores it and an app that ran
    /// without the library must still start with it.
    /// </summary>
    public static void Bind(IConfigurationSection section, GatewayzSentryOptions options, Action<string> warn)
    {
        // ReplaceDefaultTags first, so that it clears the defaults and never the Tags listed beside it.
        foreach (var child in section.GetChildren().OrderBy(c => !Is(c, ReplaceDefaultTags)))
        {
            if (Is(child, ReplaceDefaultTags))
            {
                if (SettingValues.Boolean(child.Value ?? "", Describe(child)))
                    options.TagProperties.Clear();
            }
            else if (Options.TryGetValue(child.Key, out var option))
            {
                Read(option, options, child, warn);
            }
            else if (Is(child, EnableSpotlight))
            {
                SettingValues.Boolean(child.Value ?? "", Describe(child));
            }
            else if (!Is(child, SpotlightUrl) && !SentryOptionKeys.All.Contains(child.Key))
            {
                warn(Unknown(child, LibraryKeyNames.Concat(SentryOptionKeys.All),
                    $"Gatewayz.Logging's settings: {string.Join(", ", LibraryKeyNames)}; Sentry's are the properties of SentryOptions and SentryAspNetCoreOptions."));
            }
        }

        // Sentry's own spelling of the same setting: EnableSpotlight, with SpotlightUrl beside it.
        if (options.Spotlight is null && section.GetSection(EnableSpotlight) is { Value: not null } enable && SettingValues.Boolean(enable.Value, Describe(enable)))
            options.Spotlight = section[SpotlightUrl] is { Length: > 0 } url ? url : "true";
    }

    static void Read(PropertyInfo option, object target, IConfigurationSection value, Action<string> warn)
    {
        if (option.PropertyType == typeof(ISet<string>))
        {
            var set = (ISet<string>)option.GetValue(target)!;
            foreach (var item in List(value))
                set.Add(item);
        }
        else if (option.PropertyType == typeof(StormControlOptions))
        {
            var storm = option.GetValue(target)!;
            foreach (var child in value.GetChildren())
            {
                if (StormControlOptions.TryGetValue(child.Key, out var nested))
                    Read(nested, storm, child, warn);
                else
                    warn(Unknown(child, StormControlOptions.Keys, $"Storm control's settings: {string.Join(", ", StormControlOptions.Keys)}."));
            }
        }
        else
        {
            SettingValues.Set(target, option, value.Value, Describe(value));
        }
    }

    static bool Is(IConfigurationSection section, string key) => string.Equals(section.Key, key, StringComparison.OrdinalIgnoreCase);

    static string Describe(IConfigurationSection section) => $"configuration '{section.Path}'";

    /// <summary>
    /// Applies the section's keys that Sentry's options know to <paramref name="options"/> with the
    /// configuration binder, as <c>UseSentry()</c> does; a value the binder cannot read is an error
    /// that names the section.
    /// </summary>
    public static void BindSentryKeys(IConfigurationSection section, SentryOptions options)
    {
        var sentryKeys = new FixedSection(section.Path, section.Value, [.. section.GetChildren().Where(c => !LibraryKeys.Contains(c.Key))], section);
        try
        {
            sentryKeys.Bind(options);
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

    /// <summary>A list as an array, or as one comma-separated value.</summary>
    public static IEnumerable<string> List(IConfigurationSection s) =>
        s.Value is { } single
            ? single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : s.GetChildren().Select(c => c.Value).OfType<string>();
}
