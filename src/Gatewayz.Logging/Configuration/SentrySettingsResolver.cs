using System.Collections.Frozen;
using System.Globalization;
using Gatewayz.Logging.Sinks;
using Serilog.Events;

namespace Gatewayz.Logging.Configuration;

/// <summary>
/// Applies <c>SENTRY_*</c> variables over the options and validates the result. Every error names
/// the setting and the value at fault, so a bad deployment fails at startup instead of going silent.
/// </summary>
static class SentrySettingsResolver
{
    const string DefaultSpotlightUrl = "http://localhost:8969/stream";

    // redactor: the one the logger's components share; null for one of the options' own rules.
    public static SentrySettings Resolve(GatewayzSentryOptions options, SettingSource source, Func<string, string?>? environment = null, Redaction.Redactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        environment ??= System.Environment.GetEnvironmentVariable;

        string? Env(string name) => environment(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        // SENTRY_* variables win over every other source; an error names the variable a value came from.
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        var resolved = options.Copy();
        foreach (var (variable, option) in SentryEnvironmentVariables.Options)
        {
            if (Env(variable) is not { } text)
                continue;
            SettingValues.Set(resolved, typeof(GatewayzSentryOptions).GetProperty(option)!, text, variable);
            origins[option] = variable;
        }
        options = resolved;
        string Describe(string option) => origins.TryGetValue(option, out var variable) ? variable : source.Describe(option);

        var dsn = ValidateDsn(Blank(options.Dsn), Describe(nameof(options.Dsn)));
        var spotlight = ParseSpotlight(Blank(options.Spotlight), Describe(nameof(options.Spotlight)));
        var environmentName = NormalizeEnvironmentName(Blank(options.Environment))
            ?? NormalizeEnvironmentName(Blank(options.HostEnvironment))
            ?? NormalizeEnvironmentName(SentryEnvironmentVariables.HostEnvironment.Select(Env).FirstOrDefault(v => v is not null));

        Validate(options.SampleRate, Describe(nameof(options.SampleRate)));
        Validate(options.TracesSampleRate, Describe(nameof(options.TracesSampleRate)));
        Validate(options.ProfilesSampleRate, Describe(nameof(options.ProfilesSampleRate)));
        Validate(options.MinimumEventLevel, Describe(nameof(options.MinimumEventLevel)));
        Validate(options.MinimumBreadcrumbLevel, Describe(nameof(options.MinimumBreadcrumbLevel)));
        Validate(options.MinimumLogLevel, Describe(nameof(options.MinimumLogLevel)));
        if (options.ShutdownTimeout < TimeSpan.Zero)
            throw SettingValues.Invalid(Describe(nameof(options.ShutdownTimeout)), options.ShutdownTimeout, "must not be negative");
        if (options.MaxQueueItems < 1)
            throw SettingValues.Invalid(Describe(nameof(options.MaxQueueItems)), options.MaxQueueItems, "must be at least 1");
        ArgumentNullException.ThrowIfNull(options.TagProperties, Describe(nameof(options.TagProperties)));

        return new SentrySettings
        {
            Options = options,
            Dsn = dsn,
            Environment = environmentName,
            Release = Blank(options.Release),
            SpotlightUrl = spotlight,
            Redactor = redactor ?? new Redaction.Redactor(options.SensitiveKeys, options.SafeKeys, options.SendDefaultPii),
            TagProperties = options.TagProperties.Where(n => !string.IsNullOrWhiteSpace(n)).ToFrozenSet(StringComparer.Ordinal),
            IgnoredExceptionTypes = options.IgnoredExceptionTypes.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToFrozenSet(StringComparer.Ordinal),
            StormControl = !options.StormControl.Enabled ? null : (
                options.StormControl.MaxEventsPerFingerprint >= 1
                    ? options.StormControl.MaxEventsPerFingerprint
                    : throw SettingValues.Invalid(Describe("StormControl.MaxEventsPerFingerprint"), options.StormControl.MaxEventsPerFingerprint, "must be at least 1"),
                options.StormControl.Window > TimeSpan.Zero
                    ? options.StormControl.Window
                    : throw SettingValues.Invalid(Describe("StormControl.Window"), options.StormControl.Window, "must be positive")),
        };
    }

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    static string? ValidateDsn(string? dsn, string setting)
    {
        if (dsn is null)
            return null;

        if (!Uri.TryCreate(dsn, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.UserInfo)
            || string.IsNullOrEmpty(uri.Host)
            || uri.AbsolutePath.TrimEnd('/').Split('/')[^1].Length == 0)
        {
            throw SettingValues.Invalid(setting, dsn, "expected a Sentry DSN of the form https://<public key>@<host>/<project id>");
        }

        return dsn;
    }

    static string? ParseSpotlight(string? value, string setting)
    {
        if (value is null)
            return null;

        if (SettingValues.AsBoolean(value) is { } enabled)
            return enabled ? DefaultSpotlightUrl : null;

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            return uri.AbsolutePath is "" or "/" ? new Uri(uri, "/stream").ToString() : uri.ToString();

        throw SettingValues.Invalid(setting, value, "expected true/false or the Spotlight sidecar's URL, such as http://localhost:8969/stream");
    }

    static void Validate(double? rate, string setting)
    {
        if (rate is not (null or (>= 0 and <= 1)))
            throw SettingValues.Invalid(setting, rate.Value.ToString(CultureInfo.InvariantCulture), "a sample rate must be between 0 and 1");
    }

    static void Validate(LogEventLevel level, string setting)
    {
        if (!LevelNames.IsLevel(level))
            throw SettingValues.Invalid(setting, (int)level, LevelNames.Expected);
    }

    static string? NormalizeEnvironmentName(string? name) =>
        name switch
        {
            "Production" or "Development" or "Staging" => name.ToLowerInvariant(),
            _ => name,
        };
}
