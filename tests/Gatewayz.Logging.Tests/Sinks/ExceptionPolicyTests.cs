using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.Extensions.Logging;
using Sentry;
using Serilog;

namespace Gatewayz.Logging.Tests;

/// <summary>Not over-capturing: listed exception types and caller cancellations are not sent as events.</summary>
[Collection(SentrySdkCollection.Name)]
public sealed class ExceptionPolicyTests
{
    sealed class ValidationException(string message) : ArgumentException(message);

    [Fact]
    public void Listed_exception_types_and_their_subclasses_are_not_sent_but_reach_other_sinks_and_breadcrumbs()
    {
        using var sentry = SentryCapture.Start();
        var console = new CollectingSink();
        var logger = sentry.CreateSerilogLogger(o => o.IgnoreExceptionType<ArgumentException>(), c => c.WriteTo.Sink(console));

        var id = logger.CaptureError(new ValidationException("bad email"));
        logger.Error(new ArgumentNullException("name"), "Validation failed");
        logger.Error(new InvalidOperationException("real failure"), "Real failure");

        var evt = sentry.Events.Single();
        Assert.Equal(SentryId.Empty, id);
        Assert.Equal("real failure", evt.Exception!.Value);
        Assert.Equal(2, evt.Breadcrumbs.Count);
        Assert.Equal(3, console.Events.Count);
    }

    [Fact]
    public void A_cancellation_requested_by_the_caller_is_not_sent_but_an_HttpClient_timeout_is()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<ExceptionPolicyTests>();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        logger.LogError(new OperationCanceledException(cancelled.Token), "Client went away");
        logger.LogError(new TaskCanceledException("The operation was canceled.", null, cancelled.Token), "Client went away");
        logger.LogError(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.",
            new TimeoutException("The operation was canceled.")), "Provider timed out");

        var evt = sentry.Events.Single();
        Assert.Equal("Provider timed out", evt.Message);
        Assert.Equal("System.Threading.Tasks.TaskCanceledException", evt.Exception!.Type);
    }

    [Fact]
    public async Task A_real_HttpClient_timeout_is_sent()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<ExceptionPolicyTests>();
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };

        try
        {
            await client.GetAsync($"http://127.0.0.1:{port}/never-answers");
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Provider timed out");
        }

        Assert.Equal("Provider timed out", sentry.Events.Single().Message);
    }

    [Fact]
    public void Cancellations_can_be_sent_when_asked()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger(o => o.CaptureCancellations = true);

        logger.Error(new OperationCanceledException(), "Cancelled");

        Assert.Single(sentry.Events);
    }

    [Fact]
    public void Ignored_types_can_be_listed_in_appsettings_json()
    {
        using var env = EnvironmentVariables.Clean();
        using var sentry = SentryCapture.Start();
        const string json = """
        { "Serilog": { "Using": ["Gatewayz.Logging"],
          "WriteTo": [ { "Name": "GatewayzSentry", "Args": { "ignoredExceptionTypes": ["System.ArgumentException"] } } ] } }
        """;
        using (var logger = new LoggerConfiguration().ReadFrom.Configuration(AppSettings.FromJson(json)).CreateLogger())
        {
            logger.Error(new ArgumentOutOfRangeException("x"), "Ignored");
            logger.Error(new FormatException("y"), "Sent");
        }

        Assert.Equal("Sent", sentry.Events.Single().Message);
    }
}
