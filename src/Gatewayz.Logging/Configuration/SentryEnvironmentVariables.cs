namespace Gatewayz.Logging.Configuration;

/// <summary>The <c>SENTRY_*</c> variables the library honours, with the convention of Sentry's other SDKs.</summary>
static class SentryEnvironmentVariables
{
    /// <summary>Each variable, and the option it sets; the option's own type says how its text is read.</summary>
    public static readonly (string Variable, string Option)[] Options =
    [
        ("SENTRY_DSN", nameof(GatewayzSentryOptions.Dsn)),
        ("SENTRY_ENABLED", nameof(GatewayzSentryOptions.Enabled)),
        ("SENTRY_ENVIRONMENT", nameof(GatewayzSentryOptions.Environment)),
        ("SENTRY_RELEASE", nameof(GatewayzSentryOptions.Release)),
        ("SENTRY_SAMPLE_RATE", nameof(GatewayzSentryOptions.SampleRate)),
        ("SENTRY_TRACES_SAMPLE_RATE", nameof(GatewayzSentryOptions.TracesSampleRate)),
        ("SENTRY_PROFILES_SAMPLE_RATE", nameof(GatewayzSentryOptions.ProfilesSampleRate)),
        ("SENTRY_DEBUG", nameof(GatewayzSentryOptions.Debug)),
        ("SENTRY_SPOTLIGHT", nameof(GatewayzSentryOptions.Spotlight)),
        ("SENTRY_ENABLE_LOGS", nameof(GatewayzSentryOptions.EnableLogs)),
    ];

    /// <summary>Where the host's environment name comes from when no Sentry environment is set.</summary>
    public static readonly string[] HostEnvironment = ["DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT"];
}
