using System.Diagnostics;
using System.Globalization;
using Gatewayz.Logging.Capture;
using Gatewayz.Logging.Mapping;
using Gatewayz.Logging.Redaction;
using Sentry;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// Decides what becomes of a log event in Sentry (an event and a breadcrumb, a breadcrumb, or nothing)
/// and captures the event through the SDK's public <c>CaptureEvent</c> on the thread that logged, as
/// Sentry's own integrations do, so that the app's <c>BeforeSend</c>, the scope and the trace see the
/// moment of the call. Never throws into the app: an event it could not record goes to the logger's
/// failure listener (<c>WriteTo.FallbackChain</c>), SelfLog by default.
/// </summary>
sealed class GatewayzSentrySink : ILogEventSink, ISetLoggingFailureListener, IDisposable
{
    // The depth of Emit on this thread: anything logged from inside the sink, or by the Sentry SDK
    // while the sink drives it, never loops back into a sink.
    [ThreadStatic]
    static int t_emitting;

    readonly SdkOwnership _ownership;
    readonly IHub _hub;
    readonly LogEventMapper _mapper;
    readonly LogEventLevel _eventLevel;
    readonly LogEventLevel _breadcrumbLevel;
    readonly ExceptionPolicy _exceptions;
    readonly Redactor _redactor;
    readonly StormControl? _storm;
    readonly SentryRedactor _perEventRedactor;
    readonly double? _sampleRate;
    readonly TimeSpan _shutdownTimeout;
    readonly bool _underHost;
    readonly SentryLogSender? _logs;
    ILoggingFailureListener _failures = SelfLog.FailureListener;
    int _disposed;
    int _decisionSeen;
    int _appSdkSeen;
    long _shutdownStarted;
    long _beforeDecided;

    /// <param name="settings">The sink's settings.</param>
    /// <param name="underHost">Built by <c>AddGatewayzLogging</c>, whose host decides who owns the SDK when it starts (<see cref="DecideOwnership"/>).</param>
    public GatewayzSentrySink(SentrySettings settings, bool underHost = false)
    {
        SentryHostFit.Listen();
        _ownership = SdkOwnership.For(settings, deferred: underHost);
        _underHost = underHost;
        _hub = _ownership.Hub;
        _redactor = settings.Redactor;
        if (settings.StormControl is { } storm)
            _storm = new StormControl(storm.MaxEvents, storm.Window);
        _mapper = new LogEventMapper(settings.TagProperties, _redactor);
        _eventLevel = settings.Options.MinimumEventLevel;
        _breadcrumbLevel = settings.Options.MinimumBreadcrumbLevel;
        _exceptions = new ExceptionPolicy(settings.IgnoredExceptionTypes, settings.Options.CaptureCancellations);
        _sampleRate = settings.Options.SampleRate is < 1 ? settings.Options.SampleRate : null;
        _shutdownTimeout = settings.Options.ShutdownTimeout;
        _perEventRedactor = new SentryRedactor(_redactor);
        _logs = SentryLogSender.Create(settings);
        // An SDK that already runs can only be the one to use: deciding now puts the redaction on its
        // scope before anything else is captured through it.
        if (_ownership.IsDecided || SentrySdk.IsEnabled)
            DecideOwnership();
    }

    /// <summary>
    /// Decides who owns the SDK (see <see cref="SdkOwnership"/>) and returns the line that says so.
    /// An SDK initialised elsewhere gets the redactor on its current scope (best effort), so that the
    /// events the library did not build are redacted too.
    /// </summary>
    public string? DecideOwnership()
    {
        _ownership.Decide();
        if (Interlocked.Exchange(ref _decisionSeen, 1) == 0)
            OnDecided();
        var early = Interlocked.Read(ref _beforeDecided);
        return early == 0 || _ownership.Status is not { } status
            ? _ownership.Status
            : $"{status} {early.ToString(CultureInfo.InvariantCulture)} error(s) logged before the host started, when no Sentry SDK ran yet, were not sent.";
    }

    void OnDecided()
    {
        if (_ownership.Hub.IsEnabled && !_ownership.OwnsSdk)
            SentryRedaction.AddOnce(_hub, _perEventRedactor);
        // A sink on its own says only that Sentry is off; under a host, the host says what became of Sentry.
        if (!_underHost && _ownership.IsOff)
            Say(_ownership.Status!);
    }

    /// <summary>The app initialised an SDK after this sink found none: its scope gets the redactor, and the line that said "off" is corrected.</summary>
    void OnAppSdkStarted()
    {
        SentryRedaction.AddOnce(_hub, _perEventRedactor);
        if (!_underHost)
            Say(StartupStatus.LateSdkMessage);
    }

    /// <summary>Called by Serilog while the logger is built (<c>WriteTo.FallbackChain</c>, say): where failures go instead of SelfLog.</summary>
    public void SetFailureListener(ILoggingFailureListener failureListener) => _failures = failureListener ?? SelfLog.FailureListener;

    static void Say(string line) => StartupStatus.WriteToStandardError(line);

    /// <summary>True when this sink sends log lines to Sentry's Logs (<c>EnableLogs</c>).</summary>
    public bool SendsLogs => _logs is not null;

    public void Emit(LogEvent logEvent)
    {
        if (t_emitting > 0 || logEvent is null)
            return;
        var source = SourceContextOf(logEvent);
        if (IsSentrySdk(source))
            return;

        t_emitting++;
        CaptureTicket? ticket = null;
        SentryEvent? captured = null;
        // The message, rendered and scanned for secrets once for the event, the breadcrumb and the log line.
        string? message = null;
        bool claimed = false, sent = false;
        try
        {
            // Under a host the decision waits for it to start, unless an SDK already runs: then it can only be that one.
            if (!_ownership.IsDecided && (!_underHost || SentrySdk.IsEnabled))
                DecideOwnership();
            // Behind a text sink's redaction wrapper: Sentry gets the app's exception, and masks what it sends itself.
            logEvent = RedactedException.Unwrap(logEvent);
            // A value the template marks as a secret (password={P}) is filtered before anything reads it.
            logEvent = _redactor.Marked(logEvent);
            // A capture helper's event is sent whatever the event level; its level sets only Sentry's level.
            // The first sink to claim its ticket sends the event the helper made, whose id it returned.
            ticket = CaptureTicket.Of(logEvent);
            claimed = ticket is not null && ticket.TryClaim();
            if ((ticket is not null || logEvent.Level >= _eventLevel) && _exceptions.ShouldSend(logEvent.Exception))
                sent = Capture(logEvent, claimed ? ticket : null, ref message, out captured) != SentryId.Empty;
            // An error also stays in the scope as a breadcrumb (after its own event), sent or not, so
            // that the events after it show it.
            var scope = logEvent.Level >= _breadcrumbLevel || _logs is not null ? CurrentScope.Of(_hub) : null;
            if (logEvent.Level >= _breadcrumbLevel && scope is not null)
                BreadcrumbMapper.AddTo(scope, logEvent, source, message ??= Render(logEvent), _redactor);
            // Sentry's Logs: a line of its own, whatever became of the event.
            if (_logs is not null && Volatile.Read(ref _disposed) == 0)
                _logs.Send(_hub, logEvent, scope, ref message, sent ? captured?.Contexts.Trace : null);
        }
        catch (Exception ex)
        {
            // An event already in the SDK's hands is not handed on again (a fallback sink would record it twice).
            _failures.OnLoggingFailed(this, LoggingFailureKind.Permanent, "Gatewayz.Logging: failed to capture a log event", sent ? null : [logEvent], ex);
        }
        finally
        {
            if (claimed)
                ticket!.Complete(sent);
            t_emitting--;
        }
    }

    /// <summary>
    /// Captures the event on this thread; returns its id, or empty when it is not sent. The event made
    /// comes out as <paramref name="captured"/>: the SDK has put its trace on it.
    /// </summary>
    SentryId Capture(LogEvent logEvent, CaptureTicket? ticket, ref string? message, out SentryEvent? captured)
    {
        captured = null;
        if (Volatile.Read(ref _disposed) != 0)
            return SentryId.Empty;
        if (!_ownership.IsDecided)
        {
            // Under a host, nobody owns the SDK until it starts: there is nothing to send through yet.
            Interlocked.Increment(ref _beforeDecided);
            _failures.OnLoggingFailed(this, LoggingFailureKind.Permanent,
                "Gatewayz.Logging: an error was logged before the host started, when no Sentry SDK runs yet; it is not sent to Sentry", [logEvent], null);
            return SentryId.Empty;
        }
        if (!_hub.IsEnabled)
            return SentryId.Empty;
        if (_ownership.WaitsForAppSdk && Interlocked.Exchange(ref _appSdkSeen, 1) == 0)
            OnAppSdkStarted();
        var storm = _storm?.Decide(logEvent) ?? StormVerdict.SendIt;
        if (!storm.Send)
            return SentryId.Empty;
        // The library samples its own events only on an SDK it initialised; an SDK initialised elsewhere applies its own rate.
        if (_sampleRate is { } rate && _ownership.OwnsSdk && Random.Shared.NextDouble() >= rate)
            return SentryId.Empty;

        var sentryEvent = ticket?.TakeEvent() ?? CaptureTicket.NewEvent(logEvent.Exception);
        _mapper.Apply(logEvent, sentryEvent, message ??= Render(logEvent));
        if (logEvent.Exception is { } exception && sentryEvent.Exception is null)
        {
            // The SDK cannot read this exception (CaptureTicket.NewEvent): the library describes it instead.
            sentryEvent.SentryExceptions = FaultyExceptionMapper.Map(exception);
            SelfLog.WriteLine(
                "Gatewayz.Logging: event {0}: the Sentry SDK cannot read the logged exception ({1}); the library described it instead, marking what could not be read",
                sentryEvent.EventId, ExceptionProbe.FindFault(exception));
        }
        if (storm.Suppressed > 0)
            _storm!.Report(sentryEvent, storm);
        captured = sentryEvent;
        return _hub.CaptureEvent(sentryEvent, CaptureScope(logEvent));
    }

    /// <summary>
    /// A copy of the current scope for this one event, as the SDK makes for a capture that configures
    /// its scope: the event reads the scope as it is now, its processors run on the copy only, and the
    /// SDK's own breadcrumb of the exception stays out of the scope, which gets the library's instead.
    /// </summary>
    Scope? CaptureScope(LogEvent logEvent)
    {
        if (CurrentScope.Of(_hub)?.Clone() is not { } scope)
            return null;
        if (UnhandledExceptionRule.Applies(logEvent))
            scope.AddEventProcessor(UnhandledMechanismProcessor.Instance);
        if (!_ownership.OwnsSdk && !scope.GetAllEventProcessors().OfType<SentryRedactor>().Any())
            scope.AddEventProcessor(_perEventRedactor);
        // Last, so that it measures what the SDK and the redactor made of the exceptions.
        scope.AddEventProcessor(EventSizeLimit.Instance);
        return scope;
    }

    /// <summary>Decides who owns the SDK if it is not known yet, then waits for it to send what it holds, within <paramref name="timeout"/>.</summary>
    public Task<bool> FlushAsync(TimeSpan timeout)
    {
        DecideOwnership();
        return SdkOwnership.FlushAsync(_hub, timeout);
    }

    /// <summary>
    /// The host is stopping: the shutdown timeout starts now, this flush spends what it needs of it, and
    /// disposal, later in the same shutdown, waits only for what is left.
    /// </summary>
    public Task<bool> FlushForShutdownAsync()
    {
        Interlocked.CompareExchange(ref _shutdownStarted, Stopwatch.GetTimestamp(), 0);
        return FlushAsync(ShutdownBudget());
    }

    /// <summary>The shutdown timeout, less what host shutdown has already spent of it.</summary>
    TimeSpan ShutdownBudget()
    {
        var started = Interlocked.Read(ref _shutdownStarted);
        var left = started == 0 ? _shutdownTimeout : _shutdownTimeout - Stopwatch.GetElapsedTime(started);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>The message, rendered and scanned once for the event, the breadcrumb and the log line; remembered as clean only when a log line will carry it.</summary>
    string Render(LogEvent logEvent) => MessageRenderer.Render(logEvent, _redactor, remember: _logs?.Takes(logEvent.Level) == true);

    /// <summary>The logger's name (Serilog's source context), read once for the filter and the breadcrumb's category.</summary>
    static string? SourceContextOf(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue(PropertyNames.SourceContext, out var value) && value is ScalarValue { Value: string source }
            ? source
            : null;

    static bool IsSentrySdk(string? source) =>
        source is not null
        && source.StartsWith("Sentry", StringComparison.Ordinal)
        && (source.Length == 6 || source[6] == '.');

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;

        // One budget for all of it: the flush here, then the SDK's own wait when it closes.
        var budget = ShutdownBudget();
        var clock = Stopwatch.StartNew();
        try
        {
            // An SDK this sink initialised flushes as it closes; one initialised elsewhere is flushed here.
            // Waits on this thread with a timeout, not for a timer on the thread pool, which the SDK can
            // starve while it waits for the network: the budget holds however busy the pool is.
            if (!_ownership.OwnsSdk)
                FlushAsync(budget).Wait(budget);
        }
        catch (Exception ex)
        {
            _failures.OnLoggingFailed(this, LoggingFailureKind.Final, "Gatewayz.Logging: failed to flush pending events at shutdown", null, ex);
        }
        finally
        {
            var left = budget - clock.Elapsed;
            _ownership.Close(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }
    }
}
