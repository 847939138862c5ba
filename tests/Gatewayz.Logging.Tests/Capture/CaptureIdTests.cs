using Gatewayz.Logging.Mel;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.Extensions.Logging;
using Sentry;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;

namespace Gatewayz.Logging.Tests;

/// <summary>
/// The id a capture helper returns is the <c>event_id</c> Sentry receives, wherever the sink runs:
/// on the calling thread, behind <c>WriteTo.Async</c>, behind a wrapper that keeps events and emits
/// them on another thread after the helper returned, or beside a second Gatewayz sink.
/// </summary>
[Collection(SentrySdkCollection.Name)]
public sealed class CaptureIdTests
{
    static Exception Failure() => Throw.Caught(() => new HttpRequestException("502 Bad Gateway"));

    public static TheoryData<string, string> FrontEndsAndArrangements()
    {
        var data = new TheoryData<string, string>();
        foreach (var frontEnd in new[] { "Serilog", "MEL (Gatewayz provider)", "MEL (Serilog.Extensions.Logging)" })
        {
            foreach (var arrangement in new[] { "direct", "WriteTo.Async", "buffering wrapper" })
                data.Add(frontEnd, arrangement);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FrontEndsAndArrangements))]
    public void The_returned_id_is_the_event_id_Sentry_receives(string frontEnd, string arrangement)
    {
        using var sentry = SentryCapture.Start();
        using var pipeline = new Pipeline(frontEnd, writeTo => Arrange(writeTo, arrangement, sentry));

        var id = pipeline.CaptureProviderError(Failure());
        pipeline.Complete();

        Assert.NotEqual(SentryId.Empty, id);
        var evt = sentry.Events.Single();
        Assert.Equal(id, evt.EventId);
        Assert.Equal("openrouter", evt.Tags["provider"]);
    }

    [Theory]
    [MemberData(nameof(FrontEndsAndArrangements))]
    public void An_explicit_capture_is_sent_below_the_minimum_event_level_wherever_the_sink_runs(string frontEnd, string arrangement)
    {
        using var sentry = SentryCapture.Start();
        using var pipeline = new Pipeline(frontEnd, writeTo => Arrange(writeTo, arrangement, sentry, o => o.MinimumEventLevel = LogEventLevel.Fatal));

        var id = pipeline.CaptureProviderError(Failure());
        pipeline.Error(Failure(), "An ordinary error stays a breadcrumb");
        pipeline.Complete();

        var evt = sentry.Events.Single();
        Assert.Equal(id, evt.EventId);
        Assert.Equal("error", evt.Level);
        Assert.Equal("Provider openrouter request failed", evt.Formatted);
    }

    public static TheoryData<string, string, string> TwoSinks()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var frontEnd in new[] { "Serilog", "MEL (Gatewayz provider)", "MEL (Serilog.Extensions.Logging)" })
        {
            data.Add(frontEnd, "direct", "direct");
            data.Add(frontEnd, "WriteTo.Async", "direct");
            data.Add(frontEnd, "WriteTo.Async", "WriteTo.Async");
            data.Add(frontEnd, "buffering wrapper", "WriteTo.Async");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(TwoSinks))]
    public void With_two_Gatewayz_sinks_the_returned_id_is_one_of_the_events_sent_and_each_sink_sends_its_own(string frontEnd, string first, string second)
    {
        // The SDK would drop the second report of one exception instance; one SentryEvent sent twice, it drops still.
        using var sentry = SentryCapture.Start(o => o.DeduplicateMode = DeduplicateMode.SameEvent);
        using var pipeline = new Pipeline(frontEnd, writeTo =>
        {
            Arrange(writeTo, first, sentry, o => o.MinimumEventLevel = LogEventLevel.Fatal);
            Arrange(writeTo, second, sentry, o => o.MinimumEventLevel = LogEventLevel.Fatal);
        });

        var id = pipeline.CaptureProviderError(Failure());
        pipeline.Complete();

        var events = sentry.Events;
        Assert.Equal(2, events.Count);
        Assert.Contains(events, e => e.EventId == id);
        Assert.NotEqual(events[0].EventId, events[1].EventId);
    }

    [Theory]
    [InlineData("WriteTo.Async")]
    [InlineData("buffering wrapper")]
    public void Behind_a_wrapper_the_id_is_empty_when_Sentry_is_off(string arrangement)
    {
        using var env = EnvironmentVariables.Clean();
        using var stderr = new StandardError();
        using var pipeline = new Pipeline("Serilog", writeTo => Arrange(writeTo, arrangement, sentry: null));

        var id = pipeline.CaptureProviderError(Failure());
        pipeline.Complete();

        Assert.Equal(SentryId.Empty, id);
        Assert.Contains(stderr.Lines, line => line.Contains("Sentry is off", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("MEL (Gatewayz provider)")]
    [InlineData("MEL (Serilog.Extensions.Logging)")]
    public void Without_the_context_enricher_a_sink_on_the_calling_thread_still_finds_a_MEL_capture(string frontEnd)
    {
        using var sentry = SentryCapture.Start();
        using var pipeline = new Pipeline(frontEnd, writeTo => Arrange(writeTo, "direct", sentry, o => o.MinimumEventLevel = LogEventLevel.Fatal), enrich: false);

        var id = pipeline.CaptureProviderError(Failure());
        pipeline.Complete();

        Assert.Equal(id, sentry.Events.Single().EventId);
    }

    [Fact]
    public void The_capture_travels_in_a_property_other_sinks_show_as_the_event_id_and_Sentry_never_receives()
    {
        using var sentry = SentryCapture.Start();
        var console = new CollectingSink();
        using var pipeline = new Pipeline("MEL (Serilog.Extensions.Logging)", writeTo =>
        {
            writeTo.Sink(console);
            Arrange(writeTo, "WriteTo.Async", sentry);
        });

        var id = pipeline.CaptureProviderError(Failure());
        pipeline.Complete();

        var logged = Assert.Single(console.Events);
        Assert.Equal(id.ToString(), logged.Properties["SentryEventId"].ToString().Trim('"'));
        var evt = sentry.Events.Single();
        Assert.DoesNotContain("SentryEventId", evt.Json.GetRawText());
    }

    /// <summary>Adds a Gatewayz sink as <paramref name="arrangement"/> says; without a capture, the sink has no DSN and no SDK.</summary>
    static void Arrange(LoggerSinkConfiguration writeTo, string arrangement, SentryCapture? sentry, Action<GatewayzSentryOptions>? configure = null)
    {
        Action<LoggerSinkConfiguration> gatewayz = w => w.GatewayzSentry(o =>
        {
            if (sentry is not null)
                o.Hub = sentry.Hub;
            configure?.Invoke(o);
        });
        switch (arrangement)
        {
            case "direct":
                gatewayz(writeTo);
                break;
            case "WriteTo.Async":
                writeTo.Async(gatewayz);
                break;
            case "buffering wrapper":
                writeTo.Sink(LoggerSinkConfiguration.Wrap(sink => new BufferingSink(sink), gatewayz));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(arrangement), arrangement, null);
        }
    }

    /// <summary>
    /// Keeps every event, and emits them on another thread only when the test has had the helper's
    /// answer, as a batching or durable wrapper does.
    /// </summary>
    sealed class BufferingSink(ILogEventSink inner) : ILogEventSink, IDisposable
    {
        static readonly List<BufferingSink> Open = [];
        readonly List<LogEvent> _kept = [];

        public void Emit(LogEvent logEvent)
        {
            lock (Open)
            {
                _kept.Add(logEvent);
                if (!Open.Contains(this))
                    Open.Add(this);
            }
        }

        /// <summary>Emits what every buffering sink kept, each on a thread of its own, and waits for it.</summary>
        public static void ReleaseAll()
        {
            BufferingSink[] open;
            lock (Open)
            {
                open = [.. Open];
                Open.Clear();
            }
            foreach (var sink in open)
            {
                var thread = new Thread(sink.EmitKept);
                thread.Start();
                Assert.True(thread.Join(TimeSpan.FromSeconds(30)));
            }
        }

        void EmitKept()
        {
            LogEvent[] kept;
            lock (Open)
            {
                kept = [.. _kept];
                _kept.Clear();
            }
            foreach (var logEvent in kept)
                inner.Emit(logEvent);
        }

        public void Dispose() => (inner as IDisposable)?.Dispose();
    }

    /// <summary>One Serilog pipeline, written to through Serilog or through MEL.</summary>
    sealed class Pipeline : IDisposable
    {
        readonly Logger _serilog;
        readonly ILoggerFactory? _factory;
        readonly Microsoft.Extensions.Logging.ILogger? _mel;
        int _completed;

        public Pipeline(string frontEnd, Action<LoggerSinkConfiguration> writeTo, bool enrich = true)
        {
            var configuration = new LoggerConfiguration()
                .MinimumLevel.Verbose()
                .Enrich.FromLogContext();
            if (enrich)
                configuration.Enrich.WithGatewayzContext();
            writeTo(configuration.WriteTo);
            _serilog = configuration.CreateLogger();
            _factory = frontEnd switch
            {
                "Serilog" => null,
                "MEL (Gatewayz provider)" => LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddSerilogRespectingFilters(_serilog, dispose: false)),
                "MEL (Serilog.Extensions.Logging)" => LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddSerilog(_serilog)),
                _ => throw new ArgumentOutOfRangeException(nameof(frontEnd), frontEnd, null),
            };
            _mel = _factory?.CreateLogger("Gatewayz.Providers");
        }

        public SentryId CaptureProviderError(Exception exception) =>
            _mel is null
                ? _serilog.CaptureProviderError(exception, "openrouter", model: "openai/gpt-4o")
                : _mel.CaptureProviderError(exception, "openrouter", model: "openai/gpt-4o");

        public void Error(Exception exception, string message)
        {
            if (_mel is null)
                _serilog.Error(exception, message);
            else
                _mel.LogError(exception, message);
        }

        /// <summary>Lets every wrapper emit what it kept, then closes the logger, which drains <c>WriteTo.Async</c>.</summary>
        public void Complete()
        {
            if (Interlocked.Exchange(ref _completed, 1) != 0)
                return;
            BufferingSink.ReleaseAll();
            _factory?.Dispose();
            _serilog.Dispose();
        }

        public void Dispose() => Complete();
    }
}
