using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gatewayz.Logging.EndToEndTests.Support;

namespace Gatewayz.Logging.EndToEndTests;

/// <summary>
/// The gateway sample, hosted in-process, sending through the real Sentry SDK and HTTP transport to
/// a real Spotlight sidecar; every assertion is on what Spotlight received.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class GatewayEndToEndTests(GatewayFixture fixture)
{
    internal static object Chat(string model, string content = "hello") => new { model, messages = new[] { new { role = "user", content } } };

    static async Task<string> EventIdOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("event_id").GetString()!;
    }

    /// <summary>What must hold for every event that came from a request.</summary>
    static void AssertRequestEvent(JsonElement evt, string method, string route)
    {
        Assert.Equal(GatewayFixture.Environment, Json.String(evt, "environment"));
        // The SDK that sent it is the one UseSentry() initialised, on Sentry 7.0.0.
        Assert.Equal("sentry.dotnet.aspnetcore", Json.String(evt, "sdk", "name"));
        Assert.StartsWith("7.0.0", Json.String(evt, "sdk", "version"), StringComparison.Ordinal);
        Assert.Equal(method, Json.String(evt, "request", "method"));
        Assert.EndsWith(route.Split('{')[0].TrimEnd('/'), new Uri(Json.String(evt, "request", "url")!).AbsolutePath.Split(GatewayFixture.UserId)[0].TrimEnd('/'), StringComparison.Ordinal);
        Assert.Equal(route, Json.Tag(evt, "http.route"));
        Assert.False(string.IsNullOrEmpty(Json.Tag(evt, "request_id")));
        var raw = evt.GetRawText();
        Assert.DoesNotContain(GatewayFixture.ApiKey[..9], raw, StringComparison.Ordinal);
        Assert.DoesNotContain("cookie-value-that-must-not-leave", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\"cookies\"", raw, StringComparison.Ordinal);
        // Sentry's own UseSentry() attaches the request's headers; the credentials among them leave masked.
        if (evt.TryGetProperty("request", out var request) && request.TryGetProperty("headers", out var headers))
        {
            foreach (var header in headers.EnumerateObject().Where(h => h.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || h.Name.Equals("Cookie", StringComparison.OrdinalIgnoreCase)))
                Assert.Equal("[Filtered]", header.Value.GetString());
        }
    }

    [Theory]
    [InlineData("openrouter", "upstream-5xx", HttpStatusCode.BadGateway, "System.Net.Http.HttpRequestException")]
    [InlineData("portkey", "timeout", HttpStatusCode.GatewayTimeout, "System.Threading.Tasks.TaskCanceledException")]
    [InlineData("featherless", "malformed", HttpStatusCode.BadGateway, "System.Text.Json.JsonReaderException")]
    [InlineData("together", "upstream-5xx", HttpStatusCode.BadGateway, "System.Net.Http.HttpRequestException")]
    public async Task A_provider_failure_is_one_event_with_the_provider_context(string provider, string failure, HttpStatusCode status, string exceptionType)
    {
        using var client = fixture.Client(fail: failure);

        var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat($"{provider}/meta-llama/llama-3.1-70b-instruct"));

        Assert.Equal(status, response.StatusCode);
        var evt = await fixture.EventAsync(await EventIdOf(response));
        Assert.Equal("error", Json.String(evt, "level"));
        Assert.Equal(provider, Json.Tag(evt, "provider"));
        Assert.Equal("meta-llama/llama-3.1-70b-instruct", Json.Tag(evt, "model_id"));
        Assert.Equal("chat", Json.Tag(evt, "request_type"));
        var context = Json.Context(evt, "provider");
        Assert.Equal(provider, Json.String(context, "provider_name"));
        Assert.Equal("meta-llama/llama-3.1-70b-instruct", Json.String(context, "model"));
        Assert.StartsWith("https://", Json.String(context, "endpoint"), StringComparison.Ordinal);
        Assert.Equal(Json.Tag(evt, "request_id"), Json.String(context, "request_id"));
        Assert.Equal(exceptionType, Json.String(Json.OutermostException(evt), "type"));
        Assert.True(Json.Handled(evt));
        Assert.Equal(GatewayFixture.UserId, Json.String(evt, "user", "id"));
        Assert.Contains(evt.GetProperty("breadcrumbs").EnumerateArray(), b => Json.String(b, "message")!.StartsWith($"Routing chat completion for meta-llama/llama-3.1-70b-instruct to {provider}", StringComparison.Ordinal));
        AssertRequestEvent(evt, "POST", "/v1/chat/completions");

        var sameRequest = await fixture.SettledEventsAsync(e => Json.Tag(e, "request_id") == Json.Tag(evt, "request_id"));
        Assert.Single(sameRequest);
    }

    [Fact]
    public async Task A_declined_payment_is_captured_with_the_payment_context()
    {
        using var client = fixture.Client(fail: "stripe");

        var response = await client.PostAsJsonAsync("/payments/checkout", new { userId = GatewayFixture.UserId, amount = 20.00m });

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        var evt = await fixture.EventAsync(await EventIdOf(response));
        var payment = Json.Context(evt, "payment");
        // Spotlight re-serializes what it replays, so the number's text is its own; its kind and value are ours.
        Assert.Equal(JsonValueKind.Number, payment.GetProperty("amount").ValueKind);
        Assert.Equal(20m, payment.GetProperty("amount").GetDecimal());
        Assert.Equal("checkout", Json.String(payment, "operation"));
        Assert.Equal("stripe", Json.Tag(evt, "provider"));
        Assert.Equal("checkout", Json.Tag(evt, "operation"));
        Assert.Equal(GatewayFixture.UserId, Json.String(evt, "user", "id"));
        AssertRequestEvent(evt, "POST", "/payments/checkout");
    }

    [Fact]
    public async Task A_database_failure_is_captured_with_table_and_operation()
    {
        using var client = fixture.Client(fail: "database");

        var response = await client.GetAsync($"/users/{GatewayFixture.UserId}/credits");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var evt = await fixture.EventAsync(await EventIdOf(response));
        Assert.Equal("credits", Json.Tag(evt, "table"));
        Assert.Equal("select", Json.Tag(evt, "operation"));
        Assert.Equal("credits", Json.String(Json.Context(evt, "database"), "table"));
        AssertRequestEvent(evt, "GET", "/users/{id}/credits");
    }

    [Fact]
    public async Task A_bad_api_key_is_captured_with_its_prefix_only()
    {
        const string presented = "gw_live_stolen_9d8c7b6a5f4e3d2c";
        using var client = fixture.Client(apiKey: presented);

        var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("openrouter/openai/gpt-4o"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var events = await fixture.SettledEventsAsync(e => Json.String(e, "contexts", "authentication", "key_prefix") == presented[..8]);
        var evt = Assert.Single(events);
        Assert.Equal("warning", Json.String(evt, "level"));
        Assert.Equal("api_key_validation", Json.Tag(evt, "operation"));
        Assert.DoesNotContain(presented[..9], evt.GetRawText(), StringComparison.Ordinal);
        AssertRequestEvent(evt, "POST", "/v1/chat/completions");
    }

    [Fact]
    public async Task A_cache_failure_is_a_warning_and_the_request_still_succeeds()
    {
        using var client = fixture.Client(fail: "cache");

        var response = await client.GetAsync($"/users/{GatewayFixture.UserId}/credits");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("database", body.GetProperty("source").GetString());
        var requestEvents = await fixture.SettledEventsAsync(e => Json.Tag(e, "cache_type") == "redis" && Json.String(e, "level") == "warning");
        var evt = requestEvents[^1];
        Assert.Equal("get", Json.Tag(evt, "operation"));
        Assert.Equal($"user:{GatewayFixture.UserId}:credits", Json.String(Json.Context(evt, "cache"), "key"));
        AssertRequestEvent(evt, "GET", "/users/{id}/credits");
    }

    [Fact]
    public async Task A_failing_background_task_is_captured_without_failing_the_response()
    {
        var model = $"together/marker-{Guid.NewGuid():N}";
        using var client = fixture.Client(fail: "background");

        var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat(model));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await fixture.Gateway.Services.GetRequiredServiceOf<Gatewayz.Gateway.Background.UsageRecorder>().Pending;
        var events = await fixture.SettledEventsAsync(e => Json.String(e, "contexts", "background_task", "model") == model);
        var evt = Assert.Single(events);
        Assert.Equal("record_usage", Json.String(Json.Context(evt, "background_task"), "job"));
        Assert.Equal("RecordUsage", Json.Tag(evt, "code.function"));
        Assert.True(Json.Handled(evt));
    }

    [Fact]
    public async Task An_unhandled_exception_is_exactly_one_event_marked_unhandled()
    {
        using var client = fixture.Client(fail: "unhandled");

        var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("openrouter/openai/gpt-4o"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var requestId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("request_id").GetString();
        var events = await fixture.SettledEventsAsync(e => Json.Tag(e, "request_id") == requestId);
        var evt = Assert.Single(events);
        Assert.False(Json.Handled(evt));
        Assert.Equal("System.InvalidOperationException", Json.String(Json.OutermostException(evt), "type"));
        Assert.Equal("POST /v1/chat/completions", Json.String(evt, "transaction"));
        AssertRequestEvent(evt, "POST", "/v1/chat/completions");
    }

    [Fact]
    public async Task Sentry_debug_logs_an_error_through_the_logging_integration()
    {
        using var client = fixture.Client(apiKey: null);

        var response = await client.GetAsync("/sentry-debug");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await fixture.SettledEventsAsync(e => Json.String(e, "logentry", "formatted") == "Sentry debug endpoint called; raise_exception=False");
        var evt = Assert.Single(events);
        Assert.Equal("error", Json.String(evt, "level"));
        Assert.Equal("Gatewayz.Gateway.Endpoints.DebugEndpoints.DebugMarker", Json.String(evt, "logger"));
        AssertRequestEvent(evt, "GET", "/sentry-debug");
    }

    [Fact]
    public async Task Sentry_debug_with_raise_exception_captures_the_exception_once_unhandled()
    {
        using var client = fixture.Client(apiKey: null);

        var response = await client.GetAsync("/sentry-debug?raise_exception=true");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var requestId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("request_id").GetString();
        var events = await fixture.SettledEventsAsync(e => Json.Tag(e, "request_id") == requestId);
        Assert.Equal(2, events.Count);
        var crash = Assert.Single(events, e => e.TryGetProperty("exception", out _));
        Assert.Equal("System.DivideByZeroException", Json.String(Json.OutermostException(crash), "type"));
        Assert.False(Json.Handled(crash));
        Assert.Single(events, e => Json.String(e, "logentry", "formatted") == "Sentry debug endpoint called; raise_exception=True");
        AssertRequestEvent(crash, "GET", "/sentry-debug");
    }

    [Fact]
    public async Task A_successful_request_sends_nothing()
    {
        var model = $"openrouter/quiet-{Guid.NewGuid():N}";
        using var client = fixture.Client();

        var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat(model));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await fixture.SettledEventsAsync(e => e.GetRawText().Contains(model, StringComparison.Ordinal)));
    }
}
