using System.Globalization;
using Gatewayz.Logging.Mapping;
using Gatewayz.Logging.Redaction;
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
    readonly Redactor _redactor;
    readonly LogEventLevel _minimumLevel;
    readonly StormControl? _storm;

    SentryLogSender(SentrySettings settings)
    {
        _redactor = settings.Redactor;
        _mapper = new LogLineMapper(_redactor);
        _minimumLevel = settings.Options.MinimumLogLevel;
        if (settings.StormControl is { } storm)
            _storm = new StormControl(storm.MaxEvents * LinesPerEventBudget, storm.Window);
    }

    /// <summary>The sender, or null when logs are off.</summary>
    public static SentryLogSender? Create(SentrySettings settings) => settings.Options.EnableLogs ? new SentryLogSender(settings) : null;

    /// <summary>True when a line of <paramref name="level"/> is at or above the log level: its message will be a log line's body.</summary>
    public bool Takes(LogEventLevel level) => level >= _minimumLevel;

    /// <param name="hub">The hub to send through.</param>
    /// <param name="logEvent">The log event.</param>
    /// <param name="scope">The hub's current scope, whose tags the line carries; the sink has it already for the breadcrumb.</param>
    /// <param name="message">The rendered message, secrets masked, if the sink has made it already; made here otherwise.</param>
    /// <param name="eventTrace">The trace of the error event the sink captured for this log event, if any.</param>
    public void Send(IHub hub, LogEvent logEvent, Scope? scope, ref string? message, Sentry.Protocol.Trace? eventTrace = null)
    {
        if (!Takes(logEvent.Level) || !hub.IsEnabled)
            return;
        var verdict = _storm?.Decide(logEvent) ?? StormVerdict.SendIt;
        if (!verdict.Send)
            return;

        var line = _mapper.Map(logEvent, message ??= MessageRenderer.Render(logEvent, _redactor, remember: true), scope?.Tags);
        if (verdict.Suppressed > 0)
        {
            line.Attributes.Add(new(Suppressed, verdict.Suppressed));
            line.Attributes.Add(new(SuppressedSince, verdict.SuppressedSince.ToString("O", CultureInfo.InvariantCulture)));
        }

        // No parameters: the SDK takes the body as it is, and leaves the template attributes to the line.
        var logger = hub.Logger;
        t_attributes = line.Attributes;
        var traceScope = SameTraceAsEvent(hub, eventTrace);
        try
        {
            switch (line.Level)
            {
                case SentryLogLevel.Trace: logger.LogTrace(Configure, line.Body, NoParameters); break;
                case SentryLogLevel.Debug: logger.LogDebug(Configure, line.Body, NoParameters); break;
                case SentryLogLevel.Info: logger.LogInfo(Configure, line.Body, NoParameters); break;
                case SentryLogLevel.Warning: logger.LogWarning(Configure, line.Body, NoParameters); break;
                case SentryLogLevel.Error: logger.LogError(Configure, line.Body, NoParameters); break;
                default: logger.LogFatal(Configure, line.Body, NoParameters); break;
            }
        }
        finally
        {
            t_attributes = null;
            traceScope?.Dispose();
        }
    }

    /// <summary>
    /// When the SDK tied the error's event to another trace than the scope's (the trace it remembers for
    /// the exception), a scope of its own that continues the event's trace (public <c>ContinueTrace</c>),
    /// so that the line goes out in that trace too; null when a span of the same trace is active.
    /// </summary>
    static IDisposable? SameTraceAsEvent(IHub hub, Sentry.Protocol.Trace? eventTrace)
    {
        if (eventTrace is not { TraceId: var traceId } || traceId == SentryId.Empty || hub.GetSpan()?.TraceId == traceId)
            return null;
        var scope = hub.PushScope();
        hub.ContinueTrace(new SentryTraceHeader(traceId, eventTrace.SpanId, null), null);
        return scope;
    }

    // The SDK calls the configure callback at once, on this thread: one cached callback reads the
    // line's attributes from here instead of a closure allocated per line.
    [ThreadStatic]
    static List<KeyValuePair<string, object>>? t_attributes;

    static readonly Action<SentryLog> Configure = static log =>
    {
        if (t_attributes is not { } attributes)
            return;
        foreach (var (name, value) in attributes)
            log.SetAttribute(name, value);
        log.SetAttribute(LogLineMapper.Origin, LogLineMapper.OriginValue);
    };
}
