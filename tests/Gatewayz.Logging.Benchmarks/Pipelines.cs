using Gatewayz.Logging;
using Gatewayz.Logging.Mel;
using Microsoft.Extensions.Logging;
using Sentry;
using Sentry.Extensibility;
using Sentry.Extensions.Logging;
using Sentry.Protocol.Envelopes;
using Serilog;
using Serilog.Context;
using Serilog.Core;
using Serilog.Events;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>
/// The pipelines measured side by side, each on one Sentry hub with a transport that does nothing,
/// a queue of the same size, and the SDK's duplicate detection kept to the same event only (the event
/// benchmarks log one exception instance again and again, which it would drop after the first capture):
/// Serilog into a null sink (the floor), the Gatewayz pipeline (Serilog and MEL through it), MEL with
/// Sentry.Extensions.Logging (the peer), and the Python original's pattern on the bare SDK
/// (configure the scope, then capture).
/// </summary>
public static class Pipelines
{
    public const string Dsn = "https://public@o0.ingest.sentry.io/1";

    /// <summary>Errors logged per iteration on the event path: half the default queue.</summary>
    public const int ErrorsPerIteration = 500;

    /// <summary>
    /// Warm-up iterations of the event classes, whose iterations are <see cref="ErrorsPerIteration"/>
    /// calls each: 75,000 calls, so that both pipelines are measured once tiered compilation has
    /// promoted their code. With the default 10 (5,000 calls) both were measured on code not yet
    /// optimised: in a loop of 500-error rounds the library's calling thread went from 16 to 5 µs per
    /// error only after about 150 rounds, and the peer from 278 to 80 µs in BenchmarkDotNet.
    /// </summary>
    public const int EventWarmupIterations = 150;

    public static readonly Exception Failure = MakeFailure();

    public static readonly Dictionary<string, object> ScopeProperties = new()
    {
        ["provider"] = "openrouter",
        ["model_id"] = "openai/gpt-4o-mini",
        ["request_type"] = "chat",
    };

    /// <summary>The scope's properties as a breadcrumb's data.</summary>
    public static readonly Dictionary<string, string> ScopeData = ScopeProperties.ToDictionary(p => p.Key, p => (string)p.Value);

    public static IDisposable InitSdk(Action<SentryOptions>? configure = null) =>
        SentrySdk.Init(o =>
        {
            o.Dsn = Dsn;
            o.Transport = new NullTransport();
            o.AutoSessionTracking = false;
            o.SendClientReports = false;
            o.DeduplicateMode = DeduplicateMode.SameEvent;
            o.MaxQueueItems = ErrorsPerIteration * 2;
            configure?.Invoke(o);
        });

    public static Serilog.Core.Logger SerilogFloor(LogEventLevel minimum = LogEventLevel.Information) =>
        new LoggerConfiguration().MinimumLevel.Is(minimum).Enrich.FromLogContext().WriteTo.Sink(new NullSink()).CreateLogger();

    /// <summary>
    /// The Gatewayz pipeline as <c>AddGatewayzLogging</c> sets it up: the sink initialises the SDK
    /// (here with a transport that does nothing). Storm control is off unless asked for, so that
    /// every error measured is a real capture.
    /// </summary>
    public static Serilog.Core.Logger Gatewayz(LogEventLevel minimum = LogEventLevel.Information, bool stormControl = false, bool throwSite = true, int maxQueueItems = 1000, ITransport? transport = null, bool logs = false) =>
        new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            .Enrich.FromLogContext()
            .Enrich.WithGatewayzContext(captureThrowSiteContext: throwSite)
            .WriteTo.GatewayzSentry(o =>
            {
                o.Dsn = Dsn;
                o.ConfigureSentry = sentry =>
                {
                    sentry.Transport = transport ?? new NullTransport();
                    sentry.AutoSessionTracking = false;
                    sentry.SendClientReports = false;
                    sentry.DeduplicateMode = DeduplicateMode.SameEvent;
                };
                o.StormControl.Enabled = stormControl;
                o.MaxQueueItems = maxQueueItems;
                o.EnableLogs = logs;
            })
            .CreateLogger();

    /// <summary>Serilog with only the redacting enricher, into a null sink: what redaction costs every sink.</summary>
    public static Serilog.Core.Logger RedactingFloor() =>
        new LoggerConfiguration().Enrich.FromLogContext().Enrich.WithGatewayzContext(captureThrowSiteContext: false).WriteTo.Sink(new NullSink()).CreateLogger();

    /// <summary>MEL into <paramref name="serilog"/> through the library's MEL provider, as AddGatewayzLogging wires it.</summary>
    public static ILoggerFactory GatewayzMel(Serilog.ILogger serilog) =>
        LoggerFactory.Create(b => b.AddSerilogRespectingFilters(serilog, dispose: false).SetMinimumLevel(LogLevel.Information));

    /// <summary>MEL into <paramref name="serilog"/> through Serilog's own provider, Serilog.Extensions.Logging.</summary>
    public static ILoggerFactory SerilogMel(Serilog.ILogger serilog) =>
        LoggerFactory.Create(b => b.AddProvider(new Serilog.Extensions.Logging.SerilogLoggerProvider(serilog)).SetMinimumLevel(LogLevel.Information));

    /// <summary>The peer: MEL with Sentry.Extensions.Logging, initialising the SDK itself.</summary>
    public static ILoggerFactory Peer(Action<SentryLoggingOptions>? configure = null) =>
        LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddSentry(o =>
        {
            o.Dsn = Dsn;
            o.Transport = new NullTransport();
            o.AutoSessionTracking = false;
            o.SendClientReports = false;
            o.DeduplicateMode = DeduplicateMode.SameEvent;
            o.MaxQueueItems = ErrorsPerIteration * 2;
            o.InitializeSdk = true;
            configure?.Invoke(o);
        }));

    /// <summary>Pushes the three properties of a provider call for the rest of the thread's synchronous flow.</summary>
    public static void PushSerilogScope()
    {
        foreach (var (name, value) in ScopeProperties)
            LogContext.PushProperty(name, value);
    }

    /// <summary>Waits until everything logged so far has been handed to the transport.</summary>
    public static void Drain()
    {
        GatewayzSentry.FlushAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        SentrySdk.FlushAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
    }

    /// <summary>The event a logging integration hands the SDK for the benchmarks' error, as the SDK's own floor.</summary>
    public static SentryEvent EquivalentEvent() => new(Failure)
    {
        Level = SentryLevel.Error,
        Logger = "Gatewayz.Router",
        Message = new SentryMessage { Message = "Provider {provider} request failed", Formatted = "Provider openrouter request failed" },
    };

    /// <summary>The Python original: set the tags and context on the scope, then capture.</summary>
    public static SentryId PythonCapture(Exception exception) =>
        SentrySdk.CaptureException(exception, scope =>
        {
            scope.SetTag("provider", "openrouter");
            scope.SetTag("model_id", "openai/gpt-4o-mini");
            scope.Contexts["provider"] = new Dictionary<string, object> { ["provider_name"] = "openrouter", ["model"] = "openai/gpt-4o-mini" };
        });

    /// <summary>
    /// Throws <paramref name="throwsBefore"/> exceptions and then the one returned, each caught at once,
    /// in the current scope: the state of a process that throws, with the returned exception's throw
    /// site among the remembered ones.
    /// </summary>
    public static Exception ThrowInScope(int throwsBefore)
    {
        for (var i = 0; i < throwsBefore; i++)
        {
            try
            {
                throw new TimeoutException("an earlier failure");
            }
            catch (TimeoutException)
            {
            }
        }
        return MakeFailure();
    }

    static Exception MakeFailure()
    {
        try
        {
            throw new HttpRequestException("Response status code does not indicate success: 502 (Bad Gateway).");
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    public sealed class NullSink : ILogEventSink
    {
        public void Emit(LogEvent logEvent)
        {
        }
    }

    public sealed class NullTransport : ITransport
    {
        public Task SendEnvelopeAsync(Envelope envelope, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    /// <summary>Counts the events that would have been sent, by event id, so a duplicate shows.</summary>
    public sealed class CountingTransport : ITransport
    {
        readonly System.Collections.Concurrent.ConcurrentDictionary<SentryId, int> _received = new();
        int _events;

        /// <summary>Events received, duplicates included.</summary>
        public int Events => Volatile.Read(ref _events);

        /// <summary>Events received more than once.</summary>
        public int Duplicates => _received.Count(pair => pair.Value > 1);

        public bool Received(SentryId eventId) => _received.ContainsKey(eventId);

        public Task SendEnvelopeAsync(Envelope envelope, CancellationToken cancellationToken = default)
        {
            foreach (var item in envelope.Items)
            {
                if (item.TryGetType() != "event")
                    continue;
                Interlocked.Increment(ref _events);
                if (envelope.TryGetEventId() is { } id)
                    _received.AddOrUpdate(id, 1, static (_, count) => count + 1);
            }
            return Task.CompletedTask;
        }
    }
}
