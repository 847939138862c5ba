using Serilog.Events;

namespace Gatewayz.Logging.Configuration;

/// <summary>
/// Reads a level name, and says which setting was wrong when it is not one. Serilog's names and
/// those of Microsoft.Extensions.Logging both read, as the <c>Sentry</c> section is shared with
/// Sentry's own options, which use the latter: <c>Trace</c> is Verbose, <c>Critical</c> is Fatal,
/// and <c>None</c> is <see cref="Never"/>.
/// </summary>
static class LevelNames
{
    /// <summary>Above every level: nothing reaches it (Microsoft.Extensions.Logging's <c>None</c>).</summary>
    const LogEventLevel Never = LogEventLevel.Fatal + 1;

    public const string Expected = "expected Verbose (Trace), Debug, Information, Warning, Error, Fatal (Critical) or None";

    public static LogEventLevel Parse(string? text, string setting) =>
        TryParse(text, out var level)
            ? level
            : throw SettingValues.Invalid(setting, text, Expected);

    public static bool IsLevel(LogEventLevel level) => Enum.IsDefined(level) || level == Never;

    static bool TryParse(string? text, out LogEventLevel level)
    {
        level = default;
        if (text is null || int.TryParse(text, out _))
            return false;
        switch (text.Trim().ToUpperInvariant())
        {
            case "TRACE":
                level = LogEventLevel.Verbose;
                return true;
            case "CRITICAL":
                level = LogEventLevel.Fatal;
                return true;
            case "NONE":
                level = Never;
                return true;
        }
        return Enum.TryParse(text.Trim(), ignoreCase: true, out level) && Enum.IsDefined(level);
    }
}
