using System.Text;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatewayz.Logging.Tests.Logs;

/// <summary>Sentry's Logs beside Sentry's own <c>UseSentry()</c> with its logs on: one line per log call, the library's.</summary>
[Collection(SentrySdkCollection.Name)]
public sealed class LogInteropTests
{
    const string Secret = "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task With_UseSentry_and_its_logs_on_each_line_is_sent_once_redacted_with_its_scope(bool useSentryFirst)
    {
        var transport = new RecordingTransport();
        await RunAsync(transport, useSentryFirst, """{ "EnableLogs": true }""", sentry: _ => { });

        var line = Assert.Single(transport.Logs, l => l.Body?.StartsWith("Routed with key", StringComparison.Ordinal) == true);
        Assert.Equal("openrouter", line.Attributes["provider"]);
        Assert.DoesNotContain(Secret[..12], line.Json.GetRawText());
    }

    [Fact]
    public async Task With_the_librarys_logs_off_Sentrys_own_logs_stay_as_the_app_set_them_and_no_secret_leaves_with_them()
    {
        var transport = new RecordingTransport();
        await RunAsync(transport, useSentryFirst: false, "{}", sentry: o => o.EnableLogs = true);

        // Sentry's own provider sends the app's lines; one whose text holds a secret cannot be masked once
        // the SDK has made it, so the library's BeforeSendLog drops it.
        Assert.Single(transport.Logs, l => l.Body == "Routed the chat request");
        Assert.DoesNotContain(transport.Logs, l => l.Body?.StartsWith("Routed with key", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(Secret[..12], string.Join("\n", transport.Logs.Select(l => l.Json.GetRawText())), StringComparison.Ordinal);
    }

    static async Task RunAsync(RecordingTransport transport, bool useSentryFirst, string libraryKeys, Action<Sentry.AspNetCore.SentryAspNetCoreOptions> sentry)
    {
        using var env = EnvironmentVariables.Clean();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Staging" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(
            $$"""{ "Sentry": { "Dsn": "{{SentryCapture.Dsn}}", "AutoSessionTracking": false } }""")));
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes($$"""{ "Sentry": {{libraryKeys}} }""")));
        void UseSentry() => builder.WebHost.UseSentry(o =>
        {
            o.Transport = transport;
            sentry(o);
        });
        if (useSentryFirst)
            UseSentry();
        builder.AddGatewayzLogging();
        if (!useSentryFirst)
            UseSentry();

        await using (var app = builder.Build())
        {
            app.MapGet("/chat", (ILogger<LogInteropTests> logger) =>
            {
                using (logger.BeginScope(new Dictionary<string, object> { ["provider"] = "openrouter" }))
                {
                    logger.LogInformation("Routed the chat request");
                    logger.LogInformation("Routed with key {key}", Secret);
                }
                return Results.Ok();
            });
            await app.StartAsync();
            (await app.GetTestClient().GetAsync("/chat")).EnsureSuccessStatusCode();
            await app.StopAsync();
        }
    }
}
