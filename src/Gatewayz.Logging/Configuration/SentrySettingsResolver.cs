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
    public const string DefaultSpotlightUrl = "http://localhost:8969/stream";

    // redactor: the one the logger's components share; null for one of the options' own rules.
    public static SentrySettings Resolve(GatewayzSentryOptions options, SettingSource source, Func<string, string?>? environment = null, Redaction.Redactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        environment ??= System.Environment.GetEnvironmentVariable;

        string? Env(string name) => environment(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        var dsn = Env(SentryEnvironmentVariables.Dsn) is { } envDsn
            ? ValidateDsn(envDsn, SentryEnvironmentVariables.Dsn)
            : ValidateDsn(Blank(options.Dsn), source.Describe(nameof(options.Dsn)));

        var enabled = Env(SentryEnvironmentVariables.Enabled) is { } envEnabled
            ? ParseBoolean(envEnabled, SentryEnvironmentVariables.Enabled)
            : options.Enabled;

        var debug = Env(SentryEnvironmentVariables.Debug) is { } envDebug
            ? ParseBoolean(envDebug, SentryEnvironmentVariables.Debug)
            : options.Debug;

        var spotlight = Env(SentryEnvironmentVariables.Spotlight) is { } envSpotlight
            ? ParseSpotlight(envSpotlight, SentryEnvironmentVariables.Spotlight)
            : ParseSpotlight(Blank(options.Spotlight), source.Describe(nameof(options.Spotlight)));

        var explicitEnvironment = NormalizeEnvironmentName(Env(SentryEnvironmentVariables.Environment) ?? Blank(options.Environment));
        var environmentName = explicitEnvironment
            ?? NormalizeEnvironmentName(Blank(options.HostEnvironment))
            ?? NormalizeEnvironmentName(SentryEnvironmentVariables.HostEnvironment.Select(Env).FirstOrDefault(v => v is not null));

        return new SentrySettings
        {
            Enabled = enabled,
            Dsn = dsn,
            Environment = environmentName,
            ExplicitEnvironment = explicitEnvironment,
            Release = Env(SentryEnvironmentVariables.Release) ?? Blank(options.Release),
            SampleRate = Rate(SentryEnvironmentVariables.SampleRate, options.SampleRate, nameof(options.SampleRate)),
            TracesSampleRate = Rate(SentryEnvironmentVariables.TracesSampleRate, options.TracesSampleRate, nameof(options.TracesSampleRate)),
            ProfilesSampleRate = Rate(SentryEnvironmentVariables.ProfilesSampleRate, options.ProfilesSampleRate, nameof(options.ProfilesSampleRate)),
            Debug = debug,
            SpotlightUrl = spotlight,
            SendDefaultPii = options.SendDefaultPii,
            Redactor = redactor ?? new Redaction.Redactor(options.SensitiveKeys, options.SafeKeys, options.SendDefaultPii),
            MinimumEventLevel = Level(options.MinimumEventLevel, source.Describe(nameof(options.MinimumEventLevel))),
            MinimumBreadcrumbLevel = Level(options.MinimumBreadcrumbLevel, source.Describe(nameof(options.MinimumBreadcrumbLevel))),
            EnableLogs = Env(SentryEnvironmentVariables.EnableLogs) is { } envLogs
                ? ParseBoolean(envLogs, SentryEnvironmentVariables.EnableLogs)
                : options.EnableLogs,
            MinimumLogLevel = Level(options.MinimumLogLevel, source.Describe(nameof(options.MinimumLogLevel))),
            TagProperties = TagNames(options.TagProperties, source.Describe(nameof(options.TagProperties))),
            ShutdownTimeout = options.ShutdownTimeout >= TimeSpan.Zero
                ? options.ShutdownTimeout
                : throw Invalid(source.Describe(nameof(options.ShutdownTimeout)), options.ShutdownTimeout, "must not be negative"),
            MaxQueueItems = options.MaxQueueItems >= 1
                ? options.MaxQueueItems
                : throw Invalid(source.Describe(nameof(options.MaxQueueItems)), options.MaxQueueItems, "must be at least 1"),
            IgnoredExceptionTypes = options.IgnoredExceptionTypes.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToFrozenSet(StringComparer.Ordinal),
            CaptureCancellations = options.CaptureCancellations,
            Hub = options.Hub,
            StormControl = !options.StormControl.Enabled ? null : (
                options.StormControl.MaxEventsPerFingerprint >= 1
                    ? options.StormControl.MaxEventsPerFingerprint
                    : throw Invalid(source.Describe("StormControl.MaxEventsPerFingerprint"), options.StormControl.MaxEventsPerFingerprint, "must be at least 1"),
                options.StormControl.Window > TimeSpan.Zero
                    ? options.StormControl.Window
                    : throw Invalid(source.Describe("StormControl.Window"), options.StormControl.Window, "must be positive")),
            ConfigureSentry = options.ConfigureSentry,
            BindSentrySection = options.BindSentrySection,
        };

        double? Rate(string variable, double? configured, string option) =>
            Env(variable) is { } text
                ? ValidateRate(ParseDouble(text, variable), variable)
                : ValidateRate(configured, source.Describe(option));
    }

    /// <summary>Parses the boolean spellings of the seed's config module: 1/true/yes and 0/false/no, any case.</summary>
    public static bool ParseBoolean(string text, string setting) =>
        text.Trim().ToUpperInvariant() switch
        {
            "1" or "TRUE" or "YES" or "ON" => true,
            "0" or "FALSE" or "NO" or "OFF" => false,
            _ => throw Invalid(setting, text, "expected true/false, 1/0 or yes/no"),
        };

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
            throw Invalid(setting, dsn, "expected a Sentry DSN of the form https://<public key>@<host>/<project id>");
        }

        return dsn;
    }

    static string? ParseSpotlight(string? value, string setting)
    {
        if (value is null)
            return null;

        switch (value.Trim().ToUpperInvariant())
        {
            case "1" or "TRUE" or "YES" or "ON":
                return DefaultSpotlightUrl;
            case "0" or "FALSE" or "NO" or "OFF":
                return null;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            return uri.AbsolutePath is "" or "/" ? new Uri(uri, "/stream").ToString() : uri.ToString();

        throw Invalid(setting, value, "expected true/false or the Spotlight sidecar's URL, such as http://localhost:8969/stream");
    }

    static double ParseDouble(string text, string setting) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid(setting, text, "expected a number between 0 and 1");

    static double? ValidateRate(double? rate, string setting) =>
        rate is null or (>= 0 and <= 1)
            ? rate
            : throw Invalid(setting, rate.Value.ToString(CultureInfo.InvariantCulture), "a sample rate must be between 0 and 1");

    static LogEventLevel Level(LogEventLevel level, string setting) =>
        LevelNames.IsLevel(level) ? level : throw Invalid(setting, (int)level, LevelNames.Expected);

    static FrozenSet<string> TagNames(IEnumerable<string> names, string setting)
    {
        ArgumentNullException.ThrowIfNull(names, setting);
        return names.Where(n => !string.IsNullOrWhiteSpace(n)).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Sentry's convention is lower-case standard environment names ("production").</summary>
    static string? NormalizeEnvironmentName(string? name) =>
        name switch
        {
            "Production" or "Development" or "Staging" => name.ToLowerInvariant(),
            _ => name,
        };

    static ArgumentException Invalid(string setting, object value, string expectation) =>
        new($"Invalid Sentry setting {setting} = '{value}': {expectation}.", setting);
}
