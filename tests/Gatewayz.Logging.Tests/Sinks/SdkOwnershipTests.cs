using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Sentry;
using Serilog;

namespace Gatewayz.Logging.Tests;

/// <summary>The SDK is taken, not owned: initialised once, only when given a DSN and nothing runs.</summary>
[Collection(SentrySdkCollection.Name)]
public sealed class SdkOwnershipTests
{
    const string Dsn = "https://public@o0.ingest.sentry.io/42";

    [Fact]
    public void With_a_dsn_and_no_sdk_running_the_sink_initialises_the_sdk_and_closes_it_when_disposed()
    {
        using var env = EnvironmentVariables.Clean();
        var transport = new RecordingTransport();
        Assert.False(SentrySdk.IsEnabled);

        using (var logger = new LoggerConfiguration()
            .WriteTo.GatewayzSentry(o =>
            {
                o.Dsn = Dsn;
                o.Environment = "owned";
                o.ConfigureSentry = s => s.Transport = transport;
            })
            .CreateLogger())
        {
            Assert.True(SentrySdk.IsEnabled);
            logger.Error("Sent through the SDK this sink initialised");
        }

        Assert.False(SentrySdk.IsEnabled);
        var evt = transport.Events.Single();
        Assert.Equal("owned", evt.Environment);
    }

    [Fact]
    public void SENTRY_DEBUG_and_SENTRY_TRACES_SAMPLE_RATE_reach_the_sdk_the_sink_initialises()
    {
        using var env = EnvironmentVariables.Clean(("SENTRY_DEBUG", "true"), ("SENTRY_TRACES_SAMPLE_RATE", "1"));
        using var stdout = new StandardOutput();
        var transport = new RecordingTransport();

        using (new LoggerConfiguration().WriteTo.GatewayzSentry(o =>
        {
            o.Dsn = Dsn;
            o.ConfigureSentry = s => s.Transport = transport;
        }).CreateLogger())
        {
            var transaction = SentrySdk.StartTransaction("checkout", "http.server");
            Assert.True(transaction.IsSampled);
            transaction.Finish();
        }

        Assert.Contains("Debug", stdout.Text, StringComparison.Ordinal);
        Assert.Contains("Initializing Hub", stdout.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_SENTRY_DEBUG_the_sdk_stays_quiet_and_transactions_are_not_sampled()
    {
        using var env = EnvironmentVariables.Clean();
        using var stdout = new StandardOutput();

        using (new LoggerConfiguration().WriteTo.GatewayzSentry(o =>
        {
            o.Dsn = Dsn;
            o.ConfigureSentry = s => s.Transport = new RecordingTransport();
        }).CreateLogger())
        {
            var transaction = SentrySdk.StartTransaction("checkout", "http.server");
            Assert.False(transaction.IsSampled);
        }

        Assert.DoesNotContain("Initializing Hub", stdout.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_sdk_initialised_elsewhere_is_used_and_never_initialised_a_second_time()
    {
        using var env = EnvironmentVariables.Clean();
        using var sentry = SentryCapture.Start();

        using (var logger = new LoggerConfiguration().WriteTo.GatewayzSentry(dsn: Dsn).CreateLogger())
        using (var second = new LoggerConfiguration().WriteTo.GatewayzSentry(dsn: Dsn).CreateLogger())
        {
            logger.Error("First");
            second.Error("Second");
        }

        // A second Init would have replaced the recording transport with an HTTP one.
        Assert.Equal(["First", "Second"], sentry.Events.Select(e => e.Message).Order());
        Assert.True(SentrySdk.IsEnabled);
    }

    [Fact]
    public void Without_a_dsn_exactly_one_line_says_that_Sentry_is_off_and_why_and_the_app_runs_normally()
    {
        using var env = EnvironmentVariables.Clean();
        using var stderr = new StandardError();

        using (var logger = new LoggerConfiguration().WriteTo.GatewayzSentry().CreateLogger())
        {
            logger.Error(new InvalidOperationException("still logged"), "Failed");
            logger.Information("Still fine");
        }

        var line = Assert.Single(stderr.Lines);
        Assert.Contains("Sentry is off", line, StringComparison.Ordinal);
        Assert.Contains("no DSN", line, StringComparison.Ordinal);
        Assert.False(SentrySdk.IsEnabled);
    }

    [Fact]
    public async Task A_sink_that_logged_before_the_app_initialised_Sentry_sends_through_it_and_a_second_line_says_so()
    {
        using var env = EnvironmentVariables.Clean();
        using var stderr = new StandardError();
        var transport = new RecordingTransport();

        // A bootstrap logger: it logs before the host's UseSentry (here SentrySdk.Init) starts the SDK.
        using (var logger = new LoggerConfiguration().WriteTo.GatewayzSentry().CreateLogger())
        {
            logger.Information("Starting up");
            using (SentrySdk.Init(o =>
            {
                o.Dsn = Dsn;
                o.Transport = transport;
                o.AutoSessionTracking = false;
            }))
            {
                logger.Error(new InvalidOperationException("declined"), "Checkout failed");
                logger.Error(new InvalidOperationException("declined again"), "Checkout failed again");
                await GatewayzSentry.FlushAsync(TimeSpan.FromSeconds(5));
                await SentrySdk.FlushAsync(TimeSpan.FromSeconds(5));
            }
        }

        Assert.Equal(["Checkout failed", "Checkout failed again"], transport.Events.Select(e => e.Message).Order());
        Assert.Equal(2, stderr.Lines.Length);
        Assert.Contains("Sentry is off: no DSN", stderr.Lines[0], StringComparison.Ordinal);
        Assert.Contains("unless the app initialises a Sentry SDK later", stderr.Lines[0], StringComparison.Ordinal);
        Assert.Contains("Sentry is on", stderr.Lines[1], StringComparison.Ordinal);
        Assert.Contains("the app initialised", stderr.Lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("0")]
    [InlineData("NO")]
    public void SENTRY_ENABLED_false_turns_capture_off_even_with_an_sdk_running(string value)
    {
        using var env = EnvironmentVariables.Clean(("SENTRY_ENABLED", value));
        using var stderr = new StandardError();
        using var sentry = SentryCapture.Start();

        var logger = sentry.CreateSerilogLogger(o => o.Dsn = Dsn);
        logger.Error("Not sent");

        Assert.Empty(sentry.Events);
        var line = Assert.Single(stderr.Lines);
        Assert.Contains("Sentry is off", line, StringComparison.Ordinal);
        Assert.Contains("SENTRY_ENABLED", line, StringComparison.Ordinal);
    }

    [Fact]
    public void SENTRY_SPOTLIGHT_alone_sends_events_to_a_local_spotlight_without_any_dsn()
    {
        using var spotlight = new EnvelopeInbox();
        using var env = EnvironmentVariables.Clean(("SENTRY_SPOTLIGHT", spotlight.SpotlightUrl));

        using (var logger = new LoggerConfiguration().WriteTo.GatewayzSentry().CreateLogger())
        {
            Assert.True(SentrySdk.IsEnabled);
            logger.Error("Seen in Spotlight");
        }

        var body = spotlight.WaitForBody(TimeSpan.FromSeconds(10));
        Assert.NotNull(body);
        Assert.Contains("Seen in Spotlight", body, StringComparison.Ordinal);
        Assert.Equal("/stream", spotlight.LastPath);
        Assert.False(SentrySdk.IsEnabled);
    }

    [Fact]
    public void The_id_is_empty_when_the_sink_samples_the_event_out_on_the_sdk_it_initialised()
    {
        using var env = EnvironmentVariables.Clean();
        var transport = new RecordingTransport();
        using (var serilog = new LoggerConfiguration().WriteTo.GatewayzSentry(o =>
        {
            o.Dsn = "https://public@o0.ingest.sentry.io/42";
            o.SampleRate = 0;
            o.ConfigureSentry = s => s.Transport = transport;
        }).CreateLogger())
        {
            Assert.Equal(SentryId.Empty, serilog.CaptureError(Throw.Caught(() => new InvalidOperationException("sampled out"))));
        }

        Assert.Empty(transport.Events);
    }
}
