namespace Gatewayz.Logging.Tests.Support;

/// <summary>Sets process environment variables and restores them. Use inside <see cref="SentrySdkCollection"/>.</summary>
public sealed class EnvironmentVariables : IDisposable
{
    readonly Dictionary<string, string?> _previous = new();

    public EnvironmentVariables(params (string Name, string? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            _previous[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    /// <summary>Clears every SENTRY_* variable the library reads, so the machine's own settings cannot leak into a test.</summary>
    public static EnvironmentVariables Clean(params (string Name, string? Value)[] variables) =>
        new(new[]
        {
            "SENTRY_DSN", "SENTRY_ENABLED", "SENTRY_ENVIRONMENT", "SENTRY_RELEASE", "SENTRY_SAMPLE_RATE",
            "SENTRY_TRACES_SAMPLE_RATE", "SENTRY_PROFILES_SAMPLE_RATE", "SENTRY_DEBUG", "SENTRY_SPOTLIGHT", "SENTRY_ENABLE_LOGS",
        }.Select(n => (n, (string?)null)).Concat(variables).GroupBy(v => v.Item1).Select(g => g.Last()).ToArray());

    public void Dispose()
    {
        foreach (var (name, value) in _previous)
            Environment.SetEnvironmentVariable(name, value);
    }
}
