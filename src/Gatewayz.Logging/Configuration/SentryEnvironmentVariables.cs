namespace Gatewayz.Logging.Configuration;

/// <summary>The <c>SENTRY_*</c> variables the library honours, with the convention of Sentry's other SDKs.</summary>
static class SentryEnvironmentVariables
{
    public const string Dsn = "SENTRY_DSN";
    public const string Enabled = "SENTRY_ENABLED";
    public const string Environment = "SENTRY_ENVIRONMENT";
    public const string Release = "SENTRY_RELEASE";
    public const string SampleRate = "SENTRY_SAMPLE_RATE";
    public const string TracesSampleRate = "SENTRY_TRACES_SAMPLE_RATE";
    public const string ProfilesSampleRate = "SENTRY_PROFILES_SAMPLE_RATE";
    public const string Debug = "SENTRY_DEBUG";
    public const string Spotlight = "SENTRY_SPOTLIGHT";
    public const string EnableLogs = "SENTRY_ENABLE_LOGS";

    /// <summary>Where the host's environment name comes from when nothing else names one.</summary>
    public static readonly string[] HostEnvironment = ["DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT"];
}
