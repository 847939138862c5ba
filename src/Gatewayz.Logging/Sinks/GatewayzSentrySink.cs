using System.Diagnostics;
using System.Globalization;
using Gatewayz.Logging.Capture;
using Gatewayz.Logging.Configuration;
using Gatewayz.Logging.Hosting;
using Gatewayz.Logging.Mapping;
using Gatewayz.Logging.Redaction;
using Sentry;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// Decides what becomes of a log event in Sentry: an event and a breadcrumb, a breadcrumb, or nothing. The logging
/// thread does only what belongs to the moment of the call (the decision, the event's id and
/// timestamp, a copy of the Sentry scope); <see cref="LogEventMapper"/> and the SDK's exception
/// processing run on the background worker. Never throws into the app: failures go to SelfLog.
/// </summary>
sealed class GatewayzSentrySink : ILogEventSink, IDisposable
{
    /// <summary>
    /// Well under the SDK's default queue of 30, so that a burst from a few sinks at once does not
    /// overflow an SDK initialised elsewhere.
    /// </summary>
    const int ForeignQueueBatch = 10;
    static readonly TimeSpan DrainTimeout = TimeSpan.FromMilliseconds(250);

    readonly SentryHubLease _lease;
    readonly IHub _hub;
    readonly LogEventMapper _mapper;
    readonly CaptureWorker _worker;
    readonly LogEventLevel _eventLevel;
    readonly LogEventLevel _breadcrumbLevel;
    readonly ExceptionPolicy _exceptions;
    readonly Redactor _redactor;
    readonly StormControl? _storm;
    readonly TimeSpan _stormWindow;
    readonly SentryEventRedactor _perEventRedactor;
    readonly double? _sampleRate;
    readonly TimeSpan _shutdownTimeout;
    readonly bool _settleOnFirstEvent;
    readonly Action<string>? _reportStatus;
    readonly SentryLogSender? _logs;
    int _disposed;
    int _settledSeen;
    int _lateSdkSeen;
    long _shutdownStarted;

    public GatewayzSentrySink(SentrySettings settings, Action<string>? reportStatus = null)
    {
        // Under AddGatewayzLogging the host settles who owns the SDK when it starts; elsewhere a sink
        // with a DSN settles as it is built, one without at its first event.
        SentryLoggerSilencer.Listen();
        HostedSentry.Listen();
        var host = HostedOwnership.Current;
        _lease = SentryHubLease.Acquire(settings, deferred: host is not null);
        _settleOnFirstEvent = host is null;
        _reportStatus = reportStatus;
        _hub = _lease.Hub;
        _redactor = settings.Redactor;
        if (settings.StormControl is { } storm)
        {
            _storm = new StormControl(storm.MaxEvents, storm.Window);
            _stormWindow = storm.Window;
        }
        _mapper = new LogEventMapper(settings.TagProperties, _redactor);
        _eventLevel = settings.MinimumEventLevel;
        _breadcrumbLevel = settings.MinimumBreadcrumbLevel;
        _exceptions = new ExceptionPolicy(settings.IgnoredExceptionTypes, settings.CaptureCancellations);
        _sampleRate = settings.SampleRate is < 1 ? settings.SampleRate : null;
        _shutdownTimeout = settings.ShutdownTimeout;
        _perEventRedactor = new SentryEventRedactor(_redactor);
        _logs = SentryLogSender.Create(settings);
        // An SDK initialised elsewhere keeps its default queue of 30 envelopes: the worker hands it a burst in batches.
        _worker = new CaptureWorker(settings.MaxQueueItems, Send, () => _lease.InitialisedSdk ? Task.CompletedTask : _hub.FlushAsync(DrainTimeout), ForeignQueueBatch, _lease.Settled);
        _worker.OnDropped(dropped => DroppedReport.Send(_hub, dropped, settings.MaxQueueItems));
        LiveSinks.Add(this);
        host?.Add(this);
        if (_lease.IsSettled)
            SettleOwnership();
    }

    /// <summary>
    /// Settles who owns the SDK (see <see cref="SentryHubLease"/>) and returns the line that says so.
    /// An SDK initialised elsewhere gets the redactor on its current scope (best effort), so that the
    /// events the library did not build are redacted too.
    /// </summary>
    public string? SettleOwnership()
    {
        _lease.Settle();
        if (Interlocked.Exchange(ref _settledSeen, 1) == 0)
            Settled();
        return _lease.Status;
    }

    void Settled()
    {
        if (_lease.Hub.IsEnabled && !_lease.InitialisedSdk)
            ScopeRedaction.AddOnce(_hub, _perEventRedactor);
        // A sink on its own says only that Sentry is off; under a host, the host says what became of Sentry.
        if (_settleOnFirstEvent && _lease.IsOff)
            Say(_lease.Status!);
    }

    /// <summary>The app initialised an SDK after this sink settled as off: its scope gets the redactor, and the line that said "off" is corrected.</summary>
    void LateSdk()
    {
        ScopeRedaction.AddOnce(_hub, _perEventRedactor);
        if (_settleOnFirstEvent)
            Say(StartupStatus.LateSdkMessage);
    }

    void Say(string line) => (_reportStatus ?? StartupStatus.WriteToStandardError)(line);

    public IHub Hub => _hub;

    /// <summary>True when this sink sends log lines to Sentry's Logs (<c>EnableLogs</c>).</summary>
    public bool SendsLogs => _logs is not null;

    public void Emit(LogEvent logEvent)
    {
        if (SinkGuard.IsActive || logEvent is null)
            return;
        var source = SourceContextOf(logEvent);
        if (IsSentrySdk(source))
            return;

        SinkGuard.Enter();
        CaptureTicket? ticket = null;
        bool claimed = false, sent = false;
        try
        {
            if (_settleOnFirstEvent && !_lease.IsSettled)
                SettleOwnership();
            // Behind a text sink's redaction wrapper: Sentry gets the app's exception, and masks what it sends itself.
            logEvent = RedactedException.Unwrap(logEvent);
            // A capture helper's event is sent whatever the event level; its level sets only Sentry's level.
            // The first sink to claim its ticket sends the event the helper prepared, whose id it returned.
            ticket = CaptureTicket.Of(logEvent);
            claimed = ticket is not null && ticket.TryClaim();
            if ((ticket is not null || logEvent.Level >= _eventLevel) && _exceptions.ShouldSend(logEvent.Exception))
                sent = Capture(logEvent, claimed ? ticket : null) != SentryId.Empty;
            // An error also stays in the scope as a breadcrumb (after its own snapshot), sent or not, so
            // that the events after it show it, as the SDK does for the errors it captures itself.
            var scope = logEvent.Level >= _breadcrumbLevel || _logs is not null ? CurrentScope.Of(_hub) : null;
            if (logEvent.Level >= _breadcrumbLevel && scope is not null)
                BreadcrumbMapper.AddTo(scope, logEvent, source, _redactor);
            // Sentry's Logs: a line of its own, whatever became of the event; on this thread, for its trace.
            if (_logs is not null && Volatile.Read(ref _disposed) == 0)
                _logs.Send(_hub, logEvent, scope);
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: failed to capture a log event: {0}", ex);
        }
        finally
        {
            if (claimed)
                ticket!.Complete(sent);
            SinkGuard.Exit();
        }
    }

    /// <summary>Queues the event for the background worker; returns its id, or empty when it will not be sent.</summary>
    SentryId Capture(LogEvent logEvent, CaptureTicket? ticket)
    {
        // Before the host settles who owns the SDK, events wait in the queue for it.
        if ((_lease.IsSettled && !_hub.IsEnabled) || Volatile.Read(ref _disposed) != 0)
            return SentryId.Empty;
        if (_lease.AwaitsForeignSdk && Interlocked.Exchange(ref _lateSdkSeen, 1) == 0)
            LateSdk();
        var storm = _storm?.Decide(logEvent) ?? StormVerdict.SendIt;
        if (!storm.Send)
            return SentryId.Empty;
        // The library samples its own events only on an SDK it initialised; an SDK initialised elsewhere applies its own rate.
        if (_sampleRate is { } rate && (!_lease.IsSettled || _lease.InitialisedSdk) && Random.Shared.NextDouble() >= rate)
            return SentryId.Empty;

        // An exception the SDK cannot read would cost the event its exceptions: the worker describes it instead.
        var prepared = ticket?.Prepare() ?? PreparedEvent.For(logEvent.Exception);
        var thread = Thread.CurrentThread;
        if (!_worker.TryEnqueue(new CaptureWork(logEvent, prepared, ScopeSnapshot.Take(_hub, logEvent.Exception), thread.ManagedThreadId, thread.Name, storm)))
            return SentryId.Empty;
        ClaimedExceptions.Claim(logEvent.Exception);
        return prepared.EventId;
    }

    /// <summary>
    /// Runs on the worker, in the logging thread's cultures, so that the message renders and the
    /// SDK's culture contexts read as they would have on that thread.
    /// </summary>
    void Send(CaptureWork work)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = work.Culture;
        CultureInfo.CurrentUICulture = work.UICulture;
        try
        {
            var sentryEvent = work.Event.Make();
            // The thread that logged, not the worker's: this also keeps the SDK from attaching the worker's stack.
            sentryEvent.SentryThreads = [new SentryThread { Current = true, Id = work.ThreadId, Name = work.ThreadName }];
            MapAndCapture(work, sentryEvent);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    void MapAndCapture(CaptureWork work, SentryEvent sentryEvent)
    {
        _mapper.Apply(work.LogEvent, sentryEvent);
        if (work.Event.ExceptionFault is { } fault)
        {
            sentryEvent.SentryExceptions = FaultyExceptionMapper.Map(work.LogEvent.Exception!);
            SelfLog.WriteLine(
                "Gatewayz.Logging: event {0}: the Sentry SDK cannot read the logged exception ({1}); the library described it instead, marking what could not be read",
                sentryEvent.EventId, fault);
        }
        if (work.Storm.Suppressed > 0)
            StormReport.AddTo(sentryEvent, work.Storm, _stormWindow);
        work.Scope?.AddEventProcessor(new LoggingThreadProcessor(work.ThreadId));
        if (UnhandledExceptionRule.Applies(work.LogEvent))
            work.Scope?.AddEventProcessor(UnhandledMechanismProcessor.Instance);
        if (!_lease.InitialisedSdk && work.Scope is { } scope && !scope.GetAllEventProcessors().OfType<SentryEventRedactor>().Any())
            scope.AddEventProcessor(_perEventRedactor);
        // Last, so that it measures what the SDK and the redactor made of the exceptions.
        work.Scope?.AddEventProcessor(EventSizeLimit.Instance);
        ClaimedExceptions.CaptureForLibrary(
            (Hub: _hub, SentryEvent: sentryEvent, work.Scope),
            static capture => capture.Hub.CaptureEvent(capture.SentryEvent, capture.Scope, EventMarker.Create()));
    }

    /// <summary>Waits for pending events to reach the SDK, then for the SDK to send them.</summary>
    public async Task<bool> FlushAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        SettleOwnership();
        var drained = await _worker.FlushAsync(timeout).ConfigureAwait(false);
        var remaining = timeout - clock.Elapsed;
        if (remaining <= TimeSpan.Zero || !_hub.IsEnabled)
            return drained;
        try
        {
            // The SDK's flush can overrun its timeout (with a cache directory, while it waits to see the
            // network back): the wait here never does; the SDK carries on in the background.
            await _hub.FlushAsync(remaining).WaitAsync(remaining).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The budget is spent; what the SDK still holds it goes on sending in the background.
        }
        return drained;
    }

    /// <summary>The host has stopped: flushes within what is left of the shutdown timeout, which starts now if it had not.</summary>
    public Task<bool> FlushForHostStopAsync()
    {
        ShutdownStarted();
        return FlushAsync(ShutdownBudget());
    }

    /// <summary>
    /// Host shutdown has begun and is flushing: disposal, later in the same shutdown, waits only for
    /// what is left of the shutdown timeout.
    /// </summary>
    public void ShutdownStarted() => Interlocked.CompareExchange(ref _shutdownStarted, Stopwatch.GetTimestamp(), 0);

    /// <summary>The shutdown timeout, less what host shutdown has already spent of it.</summary>
    TimeSpan ShutdownBudget()
    {
        var started = Interlocked.Read(ref _shutdownStarted);
        var left = started == 0 ? _shutdownTimeout : _shutdownTimeout - Stopwatch.GetElapsedTime(started);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>The logger's name (Serilog's source context), read once for the filter and the breadcrumb's category.</summary>
    static string? SourceContextOf(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue(Mapping.PropertyNames.SourceContext, out var value) && value is ScalarValue { Value: string source }
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

        LiveSinks.Remove(this);
        // One budget for all of it: the flush here, then the SDK's own wait when it closes.
        var budget = ShutdownBudget();
        var clock = Stopwatch.StartNew();
        try
        {
            _worker.Dispose();
            // Waits on this thread with a timeout, not for a timer on the thread pool, which the SDK can
            // starve while it waits for the network: the budget holds however busy the pool is.
            FlushAsync(budget).Wait(budget);
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: failed to flush pending events at shutdown: {0}", ex);
        }
        finally
        {
            var left = budget - clock.Elapsed;
            _lease.Close(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }
    }
}
