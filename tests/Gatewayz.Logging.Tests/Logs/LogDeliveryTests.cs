using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Sentry;
using Serilog;

namespace Gatewayz.Logging.Tests.Logs;

/// <summary>Log lines reach the transport at flush and shutdown, through whichever SDK runs, and within storm control.</summary>
[Collection(SentrySdkCollection.Name)]
public sealed class LogDeliveryTests
{
    const string Dsn = "https://public@o0.ingest.sentry.io/42";
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Closing_the_logger_delivers_pending_log_lines()
    {
        using var sentry = SentryCapture.Start();
        var logger = new LoggerConfiguration().WriteTo.GatewayzSentry(o =>
        {
            o.Hub = sentry.Hub;
            o.EnableLogs = true;
        }).CreateLogger();

        logger.Information("Request handled for {route}", "/v1/chat");
        logger.Dispose();

        Assert.Equal("Request handled for /v1/chat", Assert.Single(sentry.Transport.Logs).Body);
    }

    [Fact]
    public async Task GatewayzSentry_FlushAsync_delivers_pending_log_lines()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger(o => o.EnableLogs = true);

        logger.Information("Request handled");
        await GatewayzSentry.FlushAsync(Timeout);

        Assert.Equal("Request handled", Assert.Single(sentry.Transport.Logs).Body);
    }

    [Fact]
    public void The_sdk_the_library_initialises_sends_log_lines_and_delivers_them_when_closed()
    {
        using var env = EnvironmentVariables.Clean();
        var transport = new RecordingTransport();

        using (var logger = new LoggerConfiguration()
            .WriteTo.GatewayzSentry(o =>
            {
                o.Dsn = Dsn;
                o.Environment = "owned";
                o.EnableLogs = true;
                o.ConfigureSentry = s => s.Transport = transport;
            })
            .CreateLogger())
        {
            logger.Information("Sent through the SDK this sink initialised");
        }

        var log = Assert.Single(transport.Logs);
        Assert.Equal("owned", log.Attributes["sentry.environment"]);
    }

    [Fact]
    public void An_sdk_initialised_elsewhere_keeps_its_options_and_carries_the_log_lines()
    {
        using var env = EnvironmentVariables.Clean();
        var transport = new RecordingTransport();
        using (SentrySdk.Init(o =>
        {
            o.Dsn = SentryCapture.Dsn;
            o.Transport = transport;
            o.AutoSessionTracking = false;
            o.Environment = "owner-env";
        }))
        {
            using (var logger = new LoggerConfiguration().WriteTo.GatewayzSentry(o => o.EnableLogs = true).CreateLogger())
                logger.Information("Through the app's SDK");
            SentrySdk.Flush(Timeout);

            // The core SDK's structured logger is on whatever the app set, on 6.13 as on 7.0 (6's
            // SentryOptions.EnableLogs does not switch it off): the lines go through the app's SDK, with its environment.
            var log = Assert.Single(transport.Logs);
            Assert.Equal("Through the app's SDK", log.Body);
            Assert.Equal("owner-env", log.Attributes["sentry.environment"]);
        }
    }

    [Fact]
    public void The_owners_BeforeSendLog_sees_every_line_and_may_drop_it()
    {
        using var env = EnvironmentVariables.Clean();
        var transport = new RecordingTransport();
        var seen = new List<string>();
        using (SentrySdk.Init(o =>
        {
            o.Dsn = SentryCapture.Dsn;
            o.Transport = transport;
            o.AutoSessionTracking = false;
            o.SetBeforeSendLog(log =>
            {
                seen.Add(log.Message);
                return log.Message.Contains("health", StringComparison.Ordinal) ? null : log;
            });
        }))
        {
            using (var logger = new LoggerConfiguration().WriteTo.GatewayzSentry(o => o.EnableLogs = true).CreateLogger())
            {
                logger.Information("GET /health answered");
                logger.Information("POST /v1/chat answered");
            }
            SentrySdk.Flush(Timeout);

            Assert.Equal(["GET /health answered", "POST /v1/chat answered"], seen);
            Assert.Equal("POST /v1/chat answered", Assert.Single(transport.Logs).Body);
        }
    }

    [Fact]
    public void A_line_repeating_beyond_its_budget_is_counted_and_the_next_one_sent_says_how_many()
    {
        using var sentry = SentryCapture.Start();
        var window = TimeSpan.FromSeconds(1);
        var logger = sentry.CreateSerilogLogger(o =>
        {
            o.EnableLogs = true;
            o.StormControl.MaxEventsPerFingerprint = 1;
            o.StormControl.Window = window;
        });
        var budget = Sinks.SentryLogSender.LinesPerEventBudget;

        for (var i = 0; i < budget + 25; i++)
            logger.Information("Request handled for {route}", "/v1/chat");
        logger.Information("Another line");
        Thread.Sleep(window + TimeSpan.FromMilliseconds(200));
        logger.Information("Request handled for {route}", "/v1/chat");

        var logs = sentry.Logs;
        var repeated = logs.Where(l => l.Body == "Request handled for /v1/chat").ToArray();
        Assert.Equal(budget + 1, repeated.Length);
        Assert.Single(logs, l => l.Body == "Another line");
        Assert.Equal(25L, repeated[^1].Attributes["storm_control.suppressed"]);
        Assert.All(repeated[..^1], l => Assert.False(l.Attributes.ContainsKey("storm_control.suppressed")));
    }
}
