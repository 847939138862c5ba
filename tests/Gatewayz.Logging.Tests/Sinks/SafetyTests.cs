using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Sentry;
using Sentry.Extensibility;
using Sentry.Protocol.Envelopes;
using Serilog;
using Serilog.Events;
using Serilog.Parsing;

namespace Gatewayz.Logging.Tests;

/// <summary>The enricher and sink never throw into the app, never loop, and flush at shutdown.</summary>
[Collection(SentrySdkCollection.Name)]
public sealed class SafetyTests
{
    sealed class ThrowingToString
    {
        public override string ToString() => throw new InvalidOperationException("ToString exploded");
    }

    static LogEvent Event(LogEventLevel level, string text, params (string Name, LogEventPropertyValue Value)[] properties) =>
        new(DateTimeOffset.Now, level, null, new MessageTemplateParser().Parse(text), properties.Select(p => new LogEventProperty(p.Name, p.Value)));

    [Fact]
    public void A_value_whose_ToString_throws_is_named_by_its_type_and_the_event_is_still_sent()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();

        logger.Write(Event(LogEventLevel.Error, "Failed {provider} {other}", ("provider", new ScalarValue(new ThrowingToString())), ("other", new ScalarValue(new ThrowingToString()))));

        var evt = sentry.Events.Single();
        Assert.Equal("[ThrowingToString: ToString() failed]", evt.Tags["provider"]);
        Assert.Equal("[ThrowingToString: ToString() failed]", evt.Contexts["log"]["other"]);
    }

    [Fact]
    public void A_hub_that_throws_never_reaches_the_app_and_SelfLog_says_what_happened()
    {
        using var selfLog = new SelfLogRecorder();
        var hub = new ThrowingHub();
        using var logger = new LoggerConfiguration().WriteTo.GatewayzSentry(o => o.Hub = hub).CreateLogger();

        logger.Information("A breadcrumb");
        logger.Error(new InvalidOperationException("x"), "An event");

        Assert.Contains("failed to capture a log event", selfLog.Text, StringComparison.Ordinal);
        Assert.Contains("hub exploded", selfLog.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_the_sink_cannot_record_goes_to_the_next_sink_of_a_fallback_chain()
    {
        var fallback = new CollectingSink();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.FallbackChain(wt => wt.GatewayzSentry(o => o.Hub = new ThrowingHub()), wt => wt.Sink(fallback))
                   .CreateLogger())
        {
            logger.Error(new InvalidOperationException("x"), "Charge failed for {provider}", "stripe");
        }

        var handedOn = Assert.Single(fallback.Events);
        Assert.Equal("Charge failed for {provider}", handedOn.MessageTemplate.Text);
        Assert.Equal("x", handedOn.Exception?.Message);
    }

    [Fact]
    public void An_event_the_sink_sent_is_not_handed_to_a_fallback_sink()
    {
        using var sentry = SentryCapture.Start();
        var fallback = new CollectingSink();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.FallbackChain(wt => wt.GatewayzSentry(o => o.Hub = sentry.Hub), wt => wt.Sink(fallback))
                   .CreateLogger())
        {
            logger.Information("Routing to {provider}", "openrouter");
            logger.Error(new InvalidOperationException("x"), "Charge failed for {provider}", "stripe");
        }

        Assert.Equal("stripe", Assert.Single(sentry.Events).Tags["provider"]);
        Assert.Empty(fallback.Events);
    }

    [Fact]
    public void Logs_from_the_Sentry_SDK_itself_are_not_captured()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();

        logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "Sentry.ISentryClient").Error("SDK diagnostic");
        logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "Sentry").Error("SDK diagnostic");
        logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "SentryDemo.Checkout").Error("App log");

        Assert.Equal("App log", sentry.Events.Single().Message);
    }

    [Fact]
    public void Logs_written_while_the_sink_is_emitting_do_not_loop_back()
    {
        Serilog.ILogger? logger = null;
        var reentered = 0;
        using var sentry = SentryCapture.Start(o =>
        {
            o.SetBeforeBreadcrumb(b =>
            {
                reentered++;
                logger!.Error("Logged from inside a breadcrumb callback");
                return b;
            });
            o.SetBeforeSend(e =>
            {
                reentered++;
                logger!.Error("Logged from inside before-send");
                return e;
            });
        });
        logger = sentry.CreateSerilogLogger();

        logger.Information("Breadcrumb");
        logger.Error("The only event");

        var evt = sentry.Events.Single();
        Assert.Equal("The only event", evt.Message);
        // The two breadcrumbs (the information and the error's own) and the one event.
        Assert.Equal(3, reentered);
    }

    [Fact]
    public void CloseAndFlush_delivers_every_pending_event()
    {
        using var env = EnvironmentVariables.Clean();
        var transport = new SlowTransport(TimeSpan.FromMilliseconds(2));
        Log.Logger = new LoggerConfiguration()
            .WriteTo.GatewayzSentry(o =>
            {
                o.Dsn = "https://public@o0.ingest.sentry.io/42";
                o.ShutdownTimeout = TimeSpan.FromSeconds(30);
                o.StormControl.Enabled = false; // 500 of one kind: a storm, which is not what this test is about
                o.ConfigureSentry = s => s.Transport = transport;
            })
            .CreateLogger();

        for (var i = 0; i < 500; i++)
            Log.Error("Failure {index}", i);
        Log.CloseAndFlush();

        Assert.Equal(500, transport.Events);
        Assert.False(SentrySdk.IsEnabled);
    }

    [Fact]
    public void Disposing_twice_is_harmless()
    {
        using var sentry = SentryCapture.Start();
        var logger = new LoggerConfiguration().WriteTo.GatewayzSentry(o => o.Hub = sentry.Hub).CreateLogger();
        logger.Error("Once");

        logger.Dispose();
        logger.Dispose();

        Assert.Single(sentry.Events);
    }

    [Fact]
    public void Logging_after_disposal_does_not_throw()
    {
        using var sentry = SentryCapture.Start();
        var sink = Serilog.GatewayzSentryLoggerConfigurationExtensions.CreateSink(new GatewayzSentryOptions { Hub = sentry.Hub }, Configuration.SettingSource.Code);
        sink.Dispose();

        sink.Emit(Event(LogEventLevel.Error, "After disposal"));

        Assert.Empty(sentry.Events);
    }

    sealed class SlowTransport(TimeSpan delay) : ITransport
    {
        int _events;

        public int Events => Volatile.Read(ref _events);

        public async Task SendEnvelopeAsync(Envelope envelope, CancellationToken cancellationToken = default)
        {
            await Task.Delay(delay, cancellationToken);
            if (envelope.Items.Any(i => i.TryGetType() == "event"))
                Interlocked.Increment(ref _events);
        }
    }

    /// <summary>A hub whose every call fails: the one place a real SDK cannot be made to misbehave on demand.</summary>
    sealed class ThrowingHub : IHub
    {
        static Exception Boom() => new InvalidOperationException("hub exploded");
        public bool IsEnabled => true;
        public bool IsSessionActive => false;
        public SentryId LastEventId => SentryId.Empty;
        public SentryStructuredLogger Logger => throw Boom();
        public SentryMetricEmitter Metrics => throw Boom();
        public void BindException(Exception exception, ISpan span) => throw Boom();
        public SentryId CaptureEvent(SentryEvent evt, Action<Scope> configureScope) => throw Boom();
        public SentryId CaptureEvent(SentryEvent evt, SentryHint? hint, Action<Scope> configureScope) => throw Boom();
        public SentryId CaptureFeedback(SentryFeedback feedback, out CaptureFeedbackResult result, Action<Scope> configureScope, SentryHint? hint = null) => throw Boom();
        public TransactionContext ContinueTrace(SentryTraceHeader? traceHeader, BaggageHeader? baggageHeader, string? name = null, string? operation = null) => throw Boom();
        public TransactionContext ContinueTrace(string? traceHeader, string? baggageHeader, string? name = null, string? operation = null) => throw Boom();
        public void EndSession(SessionEndStatus status = SessionEndStatus.Exited) => throw Boom();
        public BaggageHeader? GetBaggage() => throw Boom();
        public ISpan? GetSpan() => throw Boom();
        public SentryTraceHeader? GetTraceHeader() => throw Boom();
        public W3CTraceparentHeader? GetTraceparentHeader() => throw Boom();
        public void PauseSession() => throw Boom();
        public void ResumeSession() => throw Boom();
        public void StartSession() => throw Boom();
        public ITransactionTracer StartTransaction(ITransactionContext context, IReadOnlyDictionary<string, object?> customSamplingContext) => throw Boom();
        public SentryId CaptureCheckIn(string monitorSlug, CheckInStatus status, SentryId? sentryId = null, TimeSpan? duration = null, Scope? scope = null, Action<SentryMonitorOptions>? configureMonitorOptions = null) => throw Boom();
        public bool CaptureEnvelope(Envelope envelope) => throw Boom();
        public SentryId CaptureEvent(SentryEvent evt, Scope? scope = null, SentryHint? hint = null) => throw Boom();
        public SentryId CaptureFeedback(SentryFeedback feedback, out CaptureFeedbackResult result, Scope? scope = null, SentryHint? hint = null) => throw Boom();
        public void CaptureSession(SessionUpdate sessionUpdate) => throw Boom();
        public void CaptureTransaction(SentryTransaction transaction) => throw Boom();
        public void CaptureTransaction(SentryTransaction transaction, Scope? scope, SentryHint? hint) => throw Boom();
        public Task FlushAsync(TimeSpan timeout) => throw Boom();
        public void BindClient(ISentryClient client) => throw Boom();
        public void ConfigureScope(Action<Scope> configureScope) => throw Boom();
        public void ConfigureScope<TArg>(Action<Scope, TArg> configureScope, TArg arg) => throw Boom();
        public Task ConfigureScopeAsync(Func<Scope, Task> configureScope) => throw Boom();
        public Task ConfigureScopeAsync<TArg>(Func<Scope, TArg, Task> configureScope, TArg arg) => throw Boom();
        public IDisposable PushScope() => throw Boom();
        public IDisposable PushScope<TState>(TState state) => throw Boom();
        public void SetTag(string key, string value) => throw Boom();
        public void UnsetTag(string key) => throw Boom();
    }
}
