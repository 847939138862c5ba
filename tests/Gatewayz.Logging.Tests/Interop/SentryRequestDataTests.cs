using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sentry;

namespace Gatewayz.Logging.Tests.Interop;

/// <summary>
/// Beside <c>UseSentry()</c>, Sentry's middleware fills an event's request data from the
/// <c>HttpContext</c> when the event's scope is evaluated, which is when the event is captured: the
/// library captures on the logging thread, so the event has the request as it was at the call.
/// </summary>
[Collection(SentrySdkCollection.Name)]
public sealed class SentryRequestDataTests
{
    sealed class Checkout;

    [Fact]
    public async Task The_request_data_is_read_at_the_call()
    {
        using var env = EnvironmentVariables.Clean();
        var transport = new RecordingTransport();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Sentry:Dsn"] = "https://public@o0.ingest.sentry.io/42";
        builder.WebHost.UseSentry(o => o.Transport = transport);
        builder.AddGatewayzLogging();

        await using (var app = builder.Build())
        {
            app.MapGet("/checkout", (HttpContext context, ILogger<Checkout> logger) =>
            {
                logger.LogError("Checkout failed");
                context.Request.Headers["X-Late"] = "set after the log";
                return Results.Ok();
            });
            await app.StartAsync();
            using var client = app.GetTestClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/checkout") { Headers = { { "X-Early", "sent by the client" } } };
            Assert.True((await client.SendAsync(request)).IsSuccessStatusCode);
            await GatewayzSentry.FlushAsync(TimeSpan.FromSeconds(10));
            await app.StopAsync();
        }
        await SentrySdk.FlushAsync(TimeSpan.FromSeconds(5));
        SentrySdk.Close();

        var evt = Assert.Single(transport.Events, e => e.Message == "Checkout failed");
        var headers = evt.Json.GetProperty("request").GetProperty("headers");
        Assert.Equal("sent by the client", headers.GetProperty("X-Early").GetString());
        Assert.False(headers.TryGetProperty("X-Late", out _), "the event read the request after the call: " + headers.GetRawText());
        Assert.EndsWith("/checkout", evt.Json.GetProperty("request").GetProperty("url").GetString(), StringComparison.Ordinal);
    }
}
