using Microsoft.Extensions.Logging;
using Serilog.Events;

namespace Gatewayz.Logging.Capture;

/// <summary>MEL's levels as Serilog's: Trace is Verbose, Critical is Fatal, None is nothing.</summary>
static class MelLevels
{
    public static LogEventLevel? ToSerilog(LogLevel level) => level switch
    {
        LogLevel.Trace => LogEventLevel.Verbose,
        LogLevel.Debug => LogEventLevel.Debug,
        LogLevel.Information => LogEventLevel.Information,
        LogLevel.Warning => LogEventLevel.Warning,
        LogLevel.Error => LogEventLevel.Error,
        LogLevel.Critical => LogEventLevel.Fatal,
        _ => null,
    };
}
