using Serilog.Events;

namespace Gatewayz.Logging.Configuration;

/// <summary>Reads a level name, and says which setting was wrong when it is not one.</summary>
static class LevelNames
{
    public static LogEventLevel Parse(string? text, string setting)
    {
        if (text is not null
            && !int.TryParse(text, out _)
            && Enum.TryParse<LogEventLevel>(text.Trim(), ignoreCase: true, out var level)
            && Enum.IsDefined(level))
        {
            return level;
        }
        throw new ArgumentException(
            $"Invalid Sentry setting {setting} = '{text}': expected Verbose, Debug, Information, Warning, Error or Fatal.", setting);
    }
}
