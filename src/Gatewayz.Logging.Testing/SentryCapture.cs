using Gatewayz.Logging.Mel;
using Gatewayz.Logging.Sinks;
using Microsoft.Extensions.Logging;
using Sentry;
using Sentry.Extensibility;
using Serilog;
using Serilog.Events;

namespace Gatewayz.Logging.Testing;

/// <summary>
/// Runs the real Sentry SDK with a <see cref="RecordingTransport"/> for the length of a test, and
/// gives the test loggers wired as in production: Serilog with the Gatewayz enricher and sink, and
/// Microsoft.Extensions.Logging through it. Captures are exclusive: a second <see cref="Start"/>
/// waits until the first is disposed, so tests running in parallel never see each other's events.
/// </summary>
/// <example>
/// <code>
/// [Fact]
/// public void Reports_a_failed_checkout()
/// {
///     using var sentry = SentryCapture.Start();
///     var logger = sentry.CreateLogger&lt;CheckoutService&gt;();
///
///     new CheckoutService(logger).Checkout(cart);
///
///     var evt = sentry.Events.Single();
///     Assert.Equal("error", evt.Level);
///     Assert.Equal("stripe", evt.Tags["provider"]);
/// }
/// </code>
/// </example>
public sealed class SentryCapture : IDisposable
{
    /// <summary>A well-formed DSN that points nowhere; the recording transport never sends.</summary>
    public const string Dsn = "https://public@sentry.invalid/1";

    static readonly SemaphoreSlim Exclusive = new(1, 1);
    static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(10);

    readonly IDisposable _sdk;
    readonly List<IDisposable> _owned = [];
    int _disposed;

    SentryCapture(RecordingTransport transport, IDisposable sdk)
    {
        Transport = transport;
        _sdk = sdk;
    }

    /// <summary>The transport that recorded every envelope.</summary>
    public RecordingTransport Transport { get; }

    /// <summary>The hub events are captured through.</summary>
    public IHub Hub
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            return HubAdapter.Instance;
        }
    }

    /// <summary>Every error event sent so far, after waiting for pending ones.</summary>
    public IReadOnlyList<CapturedEvent> Events
    {
        get
        {
            Flush();
            return Transport.Events;
        }
    }

    /// <summary>Every log line sent to Sentry's Logs so far (sinks with <c>EnableLogs</c>), after waiting for pending ones.</summary>
    public IReadOnlyList<CapturedLog> Logs
    {
        get
        {
            Flush();
            return Transport.Logs;
        }
    }

    /// <summary>Every envelope sent so far, after waiting for pending ones.</summary>
    public IReadOnlyList<CapturedEnvelope> Envelopes
    {
        get
        {
            Flush();
            return Transport.Envelopes;
        }
    }

    /// <summary>
    /// Initialises the Sentry SDK with a recording transport. Waits while another capture runs.
    /// </summary>
    /// <param name="configure">Adjusts the SDK options (the DSN and transport are set already).</param>
    /// <returns>The capture; dispose it at the end of the test.</returns>
    /// <exception cref="InvalidOperationException">A Sentry SDK not started by a capture is running.</exception>
    public static SentryCapture Start(Action<SentryOptions>? configure = null)
    {
        if (!Exclusive.Wait(TimeSpan.FromMinutes(2)))
            throw new InvalidOperationException("Another SentryCapture has been running for two minutes; dispose each capture at the end of its test.");

        try
        {
            if (SentrySdk.IsEnabled)
                throw new InvalidOperationException("A Sentry SDK is already running; SentryCapture must initialise its own. Close the other one first.");

            var transport = new RecordingTransport();
            var sdk = SentrySdk.Init(o =>
            {
                o.Dsn = Dsn;
                o.Transport = transport;
                o.AutoSessionTracking = false;
                o.IsGlobalModeEnabled = false;
                o.SendClientReports = false;
                // A test may log bursts; the SDK's default queue of 30 would drop some of them.
                o.MaxQueueItems = 10_000;
                configure?.Invoke(o);
            });
            return new SentryCapture(transport, sdk);
        }
        catch
        {
            Exclusive.Release();
            throw;
        }
    }

    /// <summary>
    /// A Serilog logger as the README configures one: LogContext, the Gatewayz enricher, and the
    /// Gatewayz Sentry sink sending through this capture.
    /// </summary>
    /// <param name="configureSink">Adjusts the sink's options.</param>
    /// <param name="configureLogger">Adds to the logger configuration (other sinks, minimum level).</param>
    /// <returns>The logger; disposed with the capture.</returns>
    public Serilog.ILogger CreateSerilogLogger(Action<GatewayzSentryOptions>? configureSink = null, Action<LoggerConfiguration>? configureLogger = null)
    {
        // The enricher redacts with the same rules as the sink, as AddGatewayzLogging arranges in an app.
        var redaction = new GatewayzSentryOptions();
        configureSink?.Invoke(redaction);

        var configuration = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .Enrich.FromLogContext()
            .Enrich.WithGatewayzContext(sensitiveKeys: [.. redaction.SensitiveKeys], safeKeys: [.. redaction.SafeKeys], sendDefaultPii: redaction.SendDefaultPii)
            .WriteTo.GatewayzSentry(o =>
            {
                o.Hub = Hub;
                configureSink?.Invoke(o);
            });
        configureLogger?.Invoke(configuration);
        var logger = configuration.CreateLogger();
        _owned.Add(logger);
        return logger;
    }

    /// <summary>
    /// A Microsoft.Extensions.Logging factory that routes through <see cref="CreateSerilogLogger"/>,
    /// as <c>AddGatewayzLogging</c> does in an app.
    /// </summary>
    /// <param name="configureSink">Adjusts the sink's options.</param>
    /// <param name="configureLogging">Adds to the logging builder (filters, other providers).</param>
    /// <returns>The factory; disposed with the capture.</returns>
    public ILoggerFactory CreateLoggerFactory(Action<GatewayzSentryOptions>? configureSink = null, Action<ILoggingBuilder>? configureLogging = null)
    {
        var serilog = CreateSerilogLogger(configureSink);
        var factory = LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Trace);
            builder.AddSerilogRespectingFilters(serilog, dispose: false);
            configureLogging?.Invoke(builder);
        });
        _owned.Insert(0, factory);
        return factory;
    }

    /// <summary>A Microsoft.Extensions.Logging logger for <typeparamref name="T"/>, routed as in <see cref="CreateLoggerFactory"/>.</summary>
    /// <typeparam name="T">The category type.</typeparam>
    /// <returns>The logger.</returns>
    public ILogger<T> CreateLogger<T>() => CreateLoggerFactory().CreateLogger<T>();

    /// <summary>Waits until every pending event has been handed to the transport.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        GatewayzSentry.FlushAsync(FlushTimeout).GetAwaiter().GetResult();
        SentrySdk.FlushAsync(FlushTimeout).GetAwaiter().GetResult();
    }

    /// <summary>Disposes the loggers created here, closes the SDK and lets the next capture start.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        try
        {
            foreach (var owned in _owned)
                owned.Dispose();
            _sdk.Dispose();
        }
        finally
        {
            Exclusive.Release();
        }
    }
}
