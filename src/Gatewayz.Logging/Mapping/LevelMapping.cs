using Sentry;
using Serilog.Events;

namespace Gatewayz.Logging.Mapping;

/// <summary>
/// Serilog levels to Sentry's five wire levels. Verbose has no Sentry counterpart and shares
/// <c>debug</c>; MEL's Critical arrives here as <see cref="LogEventLevel.Fatal"/>.
/// </summary>
static class LevelMapping
{
    public static SentryLevel ToSentryLevel(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => SentryLevel.Debug,
        LogEventLevel.Information => SentryLevel.Info,
        LogEventLevel.Warning => SentryLevel.Warning,
        LogEventLevel.Error => SentryLevel.Error,
        _ => SentryLevel.Fatal,
    };

    /// <summary>A Sentry log's level: Verbose is <c>trace</c>, Fatal (MEL's Critical) is <c>fatal</c>.</summary>
    public static SentryLogLevel ToLogLevel(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => SentryLogLevel.Trace,
        LogEventLevel.Debug => SentryLogLevel.Debug,
        LogEventLevel.Information => SentryLogLevel.Info,
        LogEventLevel.Warning => SentryLogLevel.Warning,
        LogEventLevel.Error => SentryLogLevel.Error,
        _ => SentryLogLevel.Fatal,
    };

    public static BreadcrumbLevel ToBreadcrumbLevel(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => BreadcrumbLevel.Debug,
        LogEventLevel.Information => BreadcrumbLevel.Info,
        LogEventLevel.Warning => BreadcrumbLevel.Warning,
        LogEventLevel.Error => BreadcrumbLevel.Error,
        _ => BreadcrumbLevel.Fatal,
    };
}
