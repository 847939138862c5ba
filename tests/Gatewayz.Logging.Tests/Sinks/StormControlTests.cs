using System.Diagnostics;
using System.Text.Json;
using Gatewayz.Logging.Sinks;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Sentry;
using Sentry.Extensibility;
using Sentry.Protocol.Envelopes;
using Serilog;
using Serilog.Context;
using Serilog.Events;
using Serilog.Parsing;

namespace Gatewayz.Logging.Tests;

/// <summary>Storm control's behaviour: what is sent, what is counted, what is reported, what is kept.</summary>
public sealed class StormControlTests
{
    static readonly MessageTemplateParser Parser = new();

    static LogEvent Error(string template, Exception? exception = null, string? provider = null) =>
        new(DateTimeOffset.Now, LogEventLevel.Error, exception, Parser.Parse(template),
            provider is null ? [] : [new LogEventProperty("provider", new ScalarValue(provider))]);

    sealed class FakeClock
    {
        public long Now { get; private set; } = 1_000;

        public void Advance(TimeSpan by) => Now += (long)(by.TotalSeconds * Stopwatch.Frequency);
    }

    [Fact]
    public void Beyond_the_budget_a_fingerprint_is_counted_and_the_next_one_sent_says_how_many_and_since_when()
    {
        var clock = new FakeClock();
        var storm = new StormControl(3, TimeSpan.FromMinutes(1), clock: () => clock.Now);
        var failure = Throw.Caught(() => new TimeoutException("upstream"));

        var verdicts = Enumerable.Range(0, 10).Select(_ => storm.Decide(Error("Provider {provider} failed", failure, "openrouter"))).ToArray();
        clock.Advance(TimeSpan.FromMinutes(1));
        var next = storm.Decide(Error("Provider {provider} failed", failure, "openrouter"));

        Assert.Equal(3, verdicts.Count(v => v.Send));
        Assert.All(verdicts.Skip(3), v => Assert.False(v.Send));
        Assert.True(next.Send);
        Assert.Equal(7, next.Suppressed);
        Assert.True(next.SuppressedSince > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(0, storm.Decide(Error("Provider {provider} failed", failure, "openrouter")).Suppressed);
    }

    [Fact]
    public void Distinct_errors_are_never_held_back_by_another_storm()
    {
        var storm = new StormControl(2, TimeSpan.FromHours(1));
        var failure = Throw.Caught(() => new TimeoutException("upstream"));
        for (var i = 0; i < 1000; i++)
            storm.Decide(Error("Provider {provider} failed", failure, "openrouter"));

        Assert.True(storm.Decide(Error("Provider {provider} failed", failure, "portkey")).Send);
        Assert.True(storm.Decide(Error("Provider {provider} failed", Throw.Caught(() => new InvalidOperationException("other type")), "openrouter")).Send);
        Assert.True(storm.Decide(Error("Database {table} failed", failure)).Send);
        Assert.True(storm.Decide(Error("Provider {provider} failed")).Send);
    }

    [Fact]
    public void The_fingerprint_table_stays_bounded_and_a_fingerprint_with_no_room_is_sent()
    {
        var storm = new StormControl(1, TimeSpan.FromHours(1), capacity: 100);

        var verdicts = Enumerable.Range(0, 10_000).Select(i => storm.Decide(Error($"Distinct failure {i}"))).ToArray();

        Assert.All(verdicts, v => Assert.True(v.Send));
        Assert.Equal(100, storm.Tracked);
    }

    [Fact]
    public void Expired_fingerprints_make_room()
    {
        var clock = new FakeClock();
        var storm = new StormControl(1, TimeSpan.FromSeconds(10), capacity: 10, clock: () => clock.Now);
        for (var i = 0; i < 10; i++)
            storm.Decide(Error($"Old failure {i}"));

        clock.Advance(TimeSpan.FromSeconds(11));
        storm.Decide(Error("New failure"));
        storm.Decide(Error("New failure"));

        Assert.Equal(1, storm.Tracked);
        Assert.False(storm.Decide(Error("New failure")).Send);
    }
}

[Collection(SentrySdkCollection.Name)]
public sealed class StormControlPipelineTests
{
    [Fact]
    public void A_storm_of_identical_errors_sends_the_budget_and_the_rest_is_reported_later()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger(o =>
        {
            o.StormControl.MaxEventsPerFingerprint = 5;
            o.StormControl.Window = TimeSpan.FromMilliseconds(500);
        });
        var ids = new List<SentryId>();

        using (LogContext.PushProperty("provider", "openrouter"))
        {
            for (var i = 0; i < 2000; i++)
                ids.Add(logger.CaptureProviderError(Throw.Caught(() => new HttpRequestException("502")), "openrouter"));
            Thread.Sleep(600);
            logger.CaptureProviderError(Throw.Caught(() => new HttpRequestException("502")), "openrouter");
        }
        logger.Error("A different failure");

        var events = sentry.Events;
        Assert.Equal(5, ids.Count(id => id != SentryId.Empty));
        Assert.Equal(7, events.Count);
        var report = events.Single(e => e.Contexts.ContainsKey("storm_control"));
        Assert.Equal(1995L, report.Contexts["storm_control"]["suppressed"]);
        Assert.Contains(events, e => e.Message == "A different failure");
    }

    [Fact]
    public void Storm_control_can_be_turned_off_and_set_from_appsettings()
    {
        using var env = EnvironmentVariables.Clean();
        using var sentry = SentryCapture.Start();
        const string json = """
        { "Serilog": { "Using": ["Gatewayz.Logging"],
          "WriteTo": [ { "Name": "GatewayzSentry", "Args": { "stormControlMaxEventsPerFingerprint": 2, "stormControlWindow": "01:00:00" } },
                       { "Name": "GatewayzSentry", "Args": { "stormControlEnabled": false, "tags": ["second"] } } ] } }
        """;
        using (var logger = new LoggerConfiguration().ReadFrom.Configuration(AppSettings.FromJson(json)).CreateLogger())
        {
            for (var i = 0; i < 20; i++)
                logger.Error("Same failure {attempt}", i);
        }

        Assert.Equal(22, sentry.Events.Count);
    }
}

[Collection(SentrySdkCollection.Name)]
public sealed class DroppedEventsTests
{
    [Fact]
    public void A_burst_beyond_the_SDKs_queue_never_waits_and_only_the_ids_of_what_the_SDK_queued_are_returned()
    {
        using var env = EnvironmentVariables.Clean();
        var transport = new RecordingTransport();
        var returned = new List<SentryId>();
        using (var logger = new LoggerConfiguration()
            .WriteTo.GatewayzSentry(o =>
            {
                o.Dsn = "https://public@o0.ingest.sentry.io/42";
                o.MaxQueueItems = 1;
                o.StormControl.Enabled = false;
                o.ConfigureSentry = s =>
                {
                    s.Transport = new SlowTransport(transport, TimeSpan.FromMilliseconds(50));
                    s.MaxQueueItems = 1;
                };
            })
            .CreateLogger())
        {
            for (var i = 0; i < 200; i++)
                returned.Add(logger.CaptureError(Throw.Caught(() => new InvalidOperationException("burst")), "provider", new { index = i }));
        }

        // The SDK holds one envelope and sends one per 50 ms; the rest it drops, and says so in a client report.
        var sent = transport.Events.Select(e => e.EventId).ToHashSet();
        var queued = returned.Where(id => id != SentryId.Empty).ToHashSet();
        Assert.InRange(sent.Count, 1, 100);
        Assert.Equal(queued, sent);
        var overflow = transport.Envelopes.SelectMany(e => e.Items).Where(i => i.Type == "client_report")
            .SelectMany(i => JsonDocument.Parse(i.Payload).RootElement.GetProperty("discarded_events").EnumerateArray())
            .Where(d => d.GetProperty("reason").GetString() == "queue_overflow" && d.GetProperty("category").GetString() == "error")
            .Sum(d => d.GetProperty("quantity").GetInt32());
        Assert.InRange(overflow, 1, 200 - sent.Count);
    }

    sealed class SlowTransport(ITransport inner, TimeSpan delay) : ITransport
    {
        public async Task SendEnvelopeAsync(Envelope envelope, CancellationToken cancellationToken = default)
        {
            await Task.Delay(delay, cancellationToken);
            await inner.SendEnvelopeAsync(envelope, cancellationToken);
        }
    }

    [Fact]
    public void A_thousand_errors_at_a_thousand_per_second_all_arrive_with_the_default_queues()
    {
        using var env = EnvironmentVariables.Clean();
        var transport = new RecordingTransport();
        using (var logger = new LoggerConfiguration()
            .WriteTo.GatewayzSentry(o =>
            {
                o.Dsn = "https://public@o0.ingest.sentry.io/42";
                o.StormControl.Enabled = false;
                o.ConfigureSentry = s => s.Transport = transport;
            })
            .CreateLogger())
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 1000; i++)
            {
                logger.Error(Throw.Caught(() => new InvalidOperationException("steady")), "Failure {index}", i);
                while (clock.Elapsed < TimeSpan.FromMilliseconds(i + 1))
                    Thread.SpinWait(100);
            }
        }

        var events = transport.Events;
        Assert.Equal(1000, events.Count);
        Assert.Equal(1000, events.Select(e => e.Formatted).Distinct().Count());
    }
}
