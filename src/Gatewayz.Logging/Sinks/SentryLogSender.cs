using System.Globalization;
using Gatewayz.Logging.Configuration;
using Gatewayz.Logging.Mapping;
using Sentry;
using Serilog.Events;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// Sends log events at or above the log level to Sentry's Logs, through the SDK's public structured
/// logger (<see cref="IHub.Logger"/>), which batches them and sends them in the background. Runs on
/// the logging thread, so that the SDK reads the trace and span active at the call. A line that
/// repeats beyond its storm budget is counted, not sent; the next one sent carries
/// <c>storm_control.suppressed</c> and <c>storm_control.suppressed_since</c>.
/// </summary>
sealed class SentryLogSender
{
    /// <summary>Log lines of one fingerprint per window, for each error event storm control lets through.</summary>
    public const int LinesPerEventBudget = 60;

    public const string Suppressed = "storm_control.suppressed";
    public const string SuppressedSince = "storm_control.suppressed_since";

    static readonly object[] NoParameters = [];

    readonly LogLineMapper _mapper;
    readonly LogEventLevel _minimumLevel;
    readonly StormControl? _storm;

    SentryLogSender(SentrySettings settings)
    {
        _mapper = new LogLineMapper(settings.Redactor);
        _minimumLevel = settings.MinimumLogLevel;
        if (settings.StormControl is { } storm)
            _storm = new StormControl(storm.MaxEvents * LinesPerEventBudget, storm.Window);
    }

    /// <summary>The sender, or null when logs are off.</summary>
    public static SentryLogSender? Create(SentrySettings settings) => settings.EnableLogs ? new SentryLogSender(settings) : null;

    public void Send(IHub hub, LogEvent logEvent)
    {
        if (logEvent.Level < _minimumLevel || !hub.IsEnabled)
            return;
        var verdict = _storm?.Decide(logEvent) ?? StormVerdict.SendIt;
        if (!verdict.Send)
            return;

        var line = _mapper.Map(logEvent, CurrentScope.Of(hub)?.Tags);
        if (verdict.Suppressed > 0)
        {
            line.Attributes.Add(new(Suppressed, verdict.Suppressed));
            line.Attributes.Add(new(SuppressedSince, verdict.SuppressedSince.ToString("O", CultureInfo.InvariantCulture)));
        }

        // No parameters: the SDK takes the body as it is, and leaves the template attributes to the line.
        var logger = hub.Logger;
        Action<SentryLog> configure = log =>
        {
            foreach (var (name, value) in line.Attributes)
                log.SetAttribute(name, value);
        };
        switch (line.Level)
        {
            case SentryLogLevel.Trace: logger.LogTrace(configure, line.Body, NoParameters); break;
            case SentryLogLevel.Debug: logger.LogDebug(configure, line.Body, NoParameters); break;
            case SentryLogLevel.Info: logger.LogInfo(configure, line.Body, NoParameters); break;
            case SentryLogLevel.Warning: logger.LogWarning(configure, line.Body, NoParameters); break;
            case SentryLogLevel.Error: logger.LogError(configure, line.Body, NoParameters); break;
            default: logger.LogFatal(configure, line.Body, NoParameters); break;
        }
    }
}
