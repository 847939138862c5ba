using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gatewayz.Logging.EndToEndTests.Support;

namespace Gatewayz.Logging.EndToEndTests;

/// <summary>
/// Sentry's Logs end to end: the gateway sample with <c>SENTRY_ENABLE_LOGS=true</c>, its log lines read
/// back from the <c>log</c> envelope items Spotlight received.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class LogsEndToEndTests(GatewayFixture fixture)
{
    /// <summary>Every log line Spotlight holds whose body contains <paramref name="text"/>, after a flush.</summary>
    async Task<IReadOnlyList<JsonElement>> LogLinesAsync(string text, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await GatewayzSentry.FlushAsync(TimeSpan.FromSeconds(10));
            var lines = AllLogLines().Where(l => (Json.String(l, "body") ?? "").Contains(text, StringComparison.Ordinal)).ToArray();
            if (lines.Length >= atLeast || DateTime.UtcNow > deadline)
                return lines;
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    IEnumerable<JsonElement> AllLogLines() =>
        fixture.Spotlight.ItemsOfType("log").SelectMany(item => item.GetProperty("items").EnumerateArray());

    static string? Attribute(JsonElement line, string name) =>
        line.GetProperty("attributes").TryGetProperty(name, out var attribute) ? attribute.GetProperty("value").ToString() : null;

    [Fact]
    public async Task A_request_sends_its_log_line_with_route_request_id_and_provider()
    {
        var model = $"openrouter/logs-{Guid.NewGuid():N}";
        using var client = fixture.Client();

        var response = await client.PostAsJsonAsync("/v1/chat/completions", GatewayEndToEndTests.Chat(model));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = Assert.Single(await LogLinesAsync(model["openrouter/".Length..], 1));
        Assert.Equal("info", Json.String(line, "level"));
        Assert.Equal("openrouter", Attribute(line, "provider"));
        Assert.Equal("/v1/chat/completions", Attribute(line, "http.route"));
        Assert.False(string.IsNullOrEmpty(Attribute(line, "request_id")));
        Assert.Equal(GatewayFixture.Environment, Attribute(line, "sentry.environment"));
    }

    [Fact]
    public async Task A_failing_request_yields_one_event_and_log_lines_sharing_its_trace_and_no_secret_leaves()
    {
        var model = $"openrouter/failing-{Guid.NewGuid():N}";
        using var client = fixture.Client(fail: "upstream-5xx");

        var response = await client.PostAsJsonAsync("/v1/chat/completions", GatewayEndToEndTests.Chat(model));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var evt = await fixture.EventAsync(body.GetProperty("event_id").GetString()!);
        await LogLinesAsync(model["openrouter/".Length..], 1);
        var requestId = Json.Tag(evt, "request_id");
        var traceId = Json.String(Json.Context(evt, "trace"), "trace_id");
        var lines = AllLogLines().Where(l => Attribute(l, "request_id") == requestId).ToArray();
        Assert.Contains(lines, l => Json.String(l, "level") == "error");
        Assert.Contains(lines, l => Json.String(l, "level") == "info");
        Assert.All(lines, l => Assert.Equal(traceId, Json.String(l, "trace_id")));
        Assert.Single(await fixture.SettledEventsAsync(e => Json.Tag(e, "request_id") == requestId));

        foreach (var line in AllLogLines())
            Assert.DoesNotContain(GatewayFixture.ApiKey[..9], line.GetRawText(), StringComparison.Ordinal);
    }
}
