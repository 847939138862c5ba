using System.Net;
using System.Text;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sentry;
using Sentry.Extensibility;
using Serilog;

namespace Gatewayz.Logging.Tests.Redaction;

/// <summary>
/// Nothing secret leaves for Sentry, whoever sends it. An ASP.NET Core app with tracing on and
/// <c>SendDefaultPii</c> off, wired as the README shows (or with <c>SentrySdk.Init</c> and Serilog in
/// code), plants secrets where other code than the library puts them: a direct
/// <c>SentrySdk.CaptureException</c>, Sentry's middleware capturing an unhandled exception, a tag and a
/// user set on the scope, a breadcrumb, a span, the query string, headers and request bodies that
/// Sentry.AspNetCore attaches, a Sentry Logs line. Every envelope the SDK sends is read whole: no
/// planted secret may be in any of them.
/// </summary>
[Collection(SentrySdkCollection.Name)]
public sealed class WhoeverSendsItTests
{
    const string Dsn = "https://public@o0.ingest.sentry.io/42";

    /// <summary>Each secret planted, as it must never appear in what is sent.</summary>
    static readonly string[] Secrets =
    [
        ProviderKey, Password, QueryKey, CardNumber, BearerToken, Email, ClientIp, Phone, TagSecret, SpanSecret, JsonApiKey, JsonPassword,
        FailedRequestKey,
    ];

    const string ProviderKey = "sk-or-v1-7c1e5a9f0b2d4e6a8c0e2f4a6b8d0f1e3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5";
    const string Password = "hunter2-Correct-Horse";
    const string QueryKey = "qk_9f8e7d6c5b4a39281706f5e4d3c2b1a0";
    const string CardNumber = "4111111111111111";
    const string BearerToken = "tok_4e1d9b7a0c3f5e8d2b6a9c1f4e7d0b3a";
    const string Email = "jane.doe@example.com";
    const string ClientIp = "203.0.113.77";
    // No character JSON escapes, so that finding it in the serialized envelopes is a fair test.
    const string Phone = "1-202-555-0143";
    const string TagSecret = "tagsecret_6b1f0e9d8c7a";
    const string SpanSecret = "spansecret_0a1b2c3d4e5f";
    const string JsonApiKey = "jsonkey_5a4b3c2d1e0f";
    const string JsonPassword = "jsonpass_f0e1d2c3b4a5";
    const string FailedRequestKey = "frk_0c1d2e3f4a5b6c7d";

    public enum Owner
    {
        UseSentryBefore,
        UseSentryAfter,
        SentrySdkInit,
        Library,
    }

    [Theory]
    [InlineData(Owner.UseSentryBefore)]
    [InlineData(Owner.UseSentryAfter)]
    [InlineData(Owner.SentrySdkInit)]
    [InlineData(Owner.Library)]
    public async Task No_planted_secret_is_in_any_envelope_the_SDK_sends(Owner owner)
    {
        using var env = EnvironmentVariables.Clean();
        var transport = new RecordingTransport();
        var sdk = owner == Owner.SentrySdkInit ? SentrySdk.Init(o => Configure(o, transport, addRedaction: true)) : null;
        try
        {
            await using (var app = Build(owner, transport))
            {
                await app.StartAsync();
                using var client = app.GetTestClient();
                await RequestsAsync(client);
                await app.StopAsync();
            }
            await SentrySdk.FlushAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            sdk?.Dispose();
            SentrySdk.Close();
            await Log.CloseAndFlushAsync();
        }

        var envelopes = transport.Envelopes;
        var sent = string.Join("\n", envelopes.Select(e => Encoding.UTF8.GetString(e.Bytes)));
        var types = envelopes.SelectMany(e => e.Items).Select(i => i.Type).ToHashSet();
        // The trial reached every path it is about.
        Assert.Contains("event", types);
        Assert.Contains("transaction", types);
        Assert.Contains("log", types);
        Assert.Contains(transport.Events, e => e.Exception?.Value?.StartsWith("captured directly", StringComparison.Ordinal) == true);
        Assert.Contains(transport.Events, e => e.Exception?.Value?.StartsWith("escaped the endpoint", StringComparison.Ordinal) == true);
        Assert.Contains(transport.Events, e => e.Message == "Checkout failed");
        // Sentry's failed-request capture of an outgoing call that answered 500.
        Assert.Contains(transport.Events, e => e.Contexts.TryGetValue("response", out var response) && response["status_code"]?.ToString() == "500");
        foreach (var secret in Secrets)
            Assert.False(sent.Contains(secret, StringComparison.Ordinal), $"'{secret}' left the process: {Around(sent, secret)}");
    }

    static WebApplication Build(Owner owner, RecordingTransport transport)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Staging" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes($$"""
            {
              "Logging": { "LogLevel": { "Default": "Information", "Microsoft.AspNetCore": "Warning" } },
              "Serilog": { "Using": ["Gatewayz.Logging"], "MinimumLevel": { "Default": "Information", "Override": { "Microsoft.AspNetCore": "Warning" } }, "WriteTo": [] },
              "Sentry": { {{(owner == Owner.SentrySdkInit ? "" : $"\"Dsn\": \"{Dsn}\",")}} "EnableLogs": true, "TracesSampleRate": 1.0, "MaxRequestBodySize": "Always" }
            }
            """)));
        if (owner == Owner.UseSentryBefore)
            builder.WebHost.UseSentry(o => Configure(o, transport));
        if (owner == Owner.SentrySdkInit)
        {
            Log.Logger = new LoggerConfiguration()
                .MinimumLevel.Information()
                .Enrich.FromLogContext()
                .Enrich.WithGatewayzContext()
                .WriteTo.GatewayzSentry(o => o.EnableLogs = true)
                .CreateLogger();
            builder.Host.UseSerilog(dispose: true);
        }
        else
        {
            builder.AddGatewayzLogging(o =>
            {
                if (owner == Owner.Library)
                    o.ConfigureSentry = s => Configure(s, transport);
            });
        }
        if (owner == Owner.UseSentryAfter)
            builder.WebHost.UseSentry(o => Configure(o, transport));

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = context => { context.Response.StatusCode = 500; return Task.CompletedTask; } });
        app.MapPost("/checkout", async (HttpContext context, ILogger<WhoeverSendsItTests> logger) =>
        {
            // An outgoing call through Sentry's message handler to an upstream that fails: the SDK's
            // failed-request capture sends an event with the URL, query string included.
            using var upstream = new HttpClient(new SentryHttpMessageHandler(app.GetTestServer().CreateHandler())) { BaseAddress = new Uri("http://localhost") };
            using var response = await upstream.GetAsync($"/upstream?api_key={FailedRequestKey}");
            return Checkout(context, logger);
        });
        app.MapGet("/upstream", () => Results.StatusCode(500));
        app.MapGet("/escape", string () => throw new InvalidOperationException($"escaped the endpoint with key {ProviderKey}"));
        return app;
    }

    static void Configure(SentryOptions options, RecordingTransport transport, bool addRedaction = false)
    {
        // An SDK started with SentrySdk.Init has options the library cannot reach: its scopes are the
        // library's only way in, and ASP.NET Core's request flows start with scopes of their own.
        if (addRedaction)
            options.AddGatewayzRedaction();
        options.Dsn ??= Dsn;
        options.Transport = transport;
        options.AutoSessionTracking = false;
        options.SendDefaultPii = false;
        options.TracesSampleRate = 1.0;
#if !SENTRY7
        options.EnableLogs = true;
#endif
    }

    static IResult Checkout(HttpContext context, Microsoft.Extensions.Logging.ILogger logger)
    {
        // Sentry.AspNetCore's tracing middleware starts the request's transaction; without it, the app does.
        var transaction = SentrySdk.GetSpan() is null ? SentrySdk.StartTransaction("POST /checkout", "http.server") : null;
        if (transaction is not null)
            SentrySdk.ConfigureScope(scope => scope.Transaction = transaction);
        SentrySdk.ConfigureScope(scope =>
        {
            scope.SetTag("api_key", TagSecret);
            scope.User = new SentryUser { Id = "user-42", Email = Email, IpAddress = ClientIp, Other = { ["phone"] = Phone } };
        });
        SentrySdk.AddBreadcrumb($"GET https://api.example.com/v1/models?api_key={QueryKey}", "http");
        var span = SentrySdk.GetSpan()?.StartChild("http.client", $"GET https://api.example.com/v1/models?api_key={SpanSecret}");
        span?.SetData("url", $"https://api.example.com/v1/models?api_key={SpanSecret}");
        span?.Finish();
        SentrySdk.CaptureException(new InvalidOperationException($"captured directly: upstream rejected {ProviderKey} with password={Password}"));
        logger.LogInformation("Checkout for the user on card {Card}", CardNumber);
        logger.LogError(new HttpRequestException($"Stripe said no to Bearer {BearerToken}"), "Checkout failed");
        transaction?.Finish();
        return Results.Ok();
    }

    static async Task RequestsAsync(HttpClient client)
    {
        using var form = new HttpRequestMessage(HttpMethod.Post, $"/checkout?api_key={QueryKey}")
        {
            Content = new FormUrlEncodedContent([new("password", Password), new("card_number", CardNumber), new("email", Email)]),
        };
        form.Headers.Add("Authorization", $"Bearer {BearerToken}");
        form.Headers.Add("X-Forwarded-For", ClientIp);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(form)).StatusCode);

        using var json = new HttpRequestMessage(HttpMethod.Post, "/checkout")
        {
            Content = new StringContent($$"""{ "api_key": "{{JsonApiKey}}", "password": "{{JsonPassword}}", "model": "openai/gpt-4o" }""", Encoding.UTF8, "application/json"),
        };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(json)).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await client.GetAsync("/escape")).StatusCode);
    }

    static string Around(string text, string secret)
    {
        var at = text.IndexOf(secret, StringComparison.Ordinal);
        var start = Math.Max(0, at - 200);
        return text[start..Math.Min(text.Length, at + secret.Length + 60)];
    }
}
