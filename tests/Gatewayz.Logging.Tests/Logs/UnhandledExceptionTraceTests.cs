using System.Text;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Gatewayz.Logging.Tests.Logs;

/// <summary>
/// An exception that escapes an endpoint, in Development (ASP.NET Core's developer exception page logs
/// it) with <c>UseSentry()</c>, tracing and the library's Sentry Logs on: the log line of that exception,
/// the event and the request's transaction share one trace.
/// </summary>
[Collection(SentrySdkCollection.Name)]
public sealed class UnhandledExceptionTraceTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_log_line_of_an_unhandled_exception_shares_the_trace_of_its_request(bool useSentryFirst)
    {
        using var env = EnvironmentVariables.Clean();
        var transport = new RecordingTransport();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(
            $$"""{ "Sentry": { "Dsn": "{{SentryCapture.Dsn}}", "AutoSessionTracking": false, "TracesSampleRate": 1.0, "EnableLogs": true } }""")));
        if (useSentryFirst)
            builder.WebHost.UseSentry(o => o.Transport = transport);
        builder.AddGatewayzLogging();
        if (!useSentryFirst)
            builder.WebHost.UseSentry(o => o.Transport = transport);

        await using (var app = builder.Build())
        {
            app.MapGet("/boom", string () => throw new InvalidOperationException("the ledger is locked"));
            await app.StartAsync();
            using var client = app.GetTestClient();
            await client.GetAsync("/boom");
            await app.StopAsync();
        }
        Sentry.SentrySdk.Close();

        var transaction = Assert.Single(transport.Envelopes.SelectMany(e => e.Items), i => i.Type == "transaction");
        var transactionTrace = System.Text.Json.JsonDocument.Parse(transaction.Payload).RootElement.GetProperty("contexts").GetProperty("trace").GetProperty("trace_id").GetString();
        var evt = Assert.Single(transport.Events, e => e.Exception?.Value == "the ledger is locked");
        var line = Assert.Single(transport.Logs, l => l.Attributes.TryGetValue("exception.message", out var message) && (string?)message == "the ledger is locked");
        Assert.Equal(transactionTrace, evt.Json.GetProperty("contexts").GetProperty("trace").GetProperty("trace_id").GetString());
        Assert.Equal(transactionTrace, line.TraceId);
    }
}
