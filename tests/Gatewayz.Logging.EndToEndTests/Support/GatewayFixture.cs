using System.Net.Http.Headers;
using System.Text.Json;
using Gatewayz.Logging.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Gatewayz.Logging.EndToEndTests.Support;

/// <summary>
/// Starts a real Spotlight sidecar, then the gateway sample in-process, configured the way it would
/// be deployed: appsettings.json plus <c>SENTRY_*</c> variables, here <c>SENTRY_DSN</c> pointing at
/// the sidecar, so events travel through the real SDK and its HTTP transport.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const string ApiKey = "gw_live_demo_7f3a9c2e51b84d06";
    public const string UserId = "4217";
    public const string Environment = "e2e";

    EnvironmentVariables? _environment;

    public SpotlightSidecar Spotlight { get; private set; } = null!;

    public WebApplicationFactory<Program> Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Spotlight = await SpotlightSidecar.StartAsync();
        _environment = EnvironmentVariables.Clean(("SENTRY_DSN", Spotlight.Dsn), ("SENTRY_ENVIRONMENT", Environment), ("SENTRY_RELEASE", "gateway@e2e"), ("SENTRY_ENABLE_LOGS", "true"));
        Gateway = new WebApplicationFactory<Program>();
        _ = Gateway.Server;
    }

    public HttpClient Client(string? apiKey = ApiKey, string? fail = null)
    {
        var client = Gateway.CreateClient();
        if (apiKey is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        if (fail is not null)
            client.DefaultRequestHeaders.Add("X-Gatewayz-Fail", fail);
        client.DefaultRequestHeaders.Add("Cookie", "session=cookie-value-that-must-not-leave");
        return client;
    }

    /// <summary>Waits for the gateway to hand everything to the SDK and send it, then for Spotlight to have the event.</summary>
    public async Task<JsonElement> EventAsync(string eventId)
    {
        await GatewayzSentry.FlushAsync(TimeSpan.FromSeconds(10));
        return await Spotlight.WaitForEventAsync(e => SpotlightSidecar.EventIdOf(e) == eventId.Replace("-", "", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
    }

    /// <summary>Every event Spotlight holds that matches, after a flush and a moment for stragglers.</summary>
    public async Task<IReadOnlyList<JsonElement>> SettledEventsAsync(Func<JsonElement, bool> match)
    {
        await GatewayzSentry.FlushAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(1));
        return Spotlight.Events.Where(match).ToArray();
    }

    public async Task DisposeAsync()
    {
        if (Gateway is not null)
            await Gateway.DisposeAsync();
        _environment?.Dispose();
        if (Spotlight is not null)
            await Spotlight.DisposeAsync();
    }
}
