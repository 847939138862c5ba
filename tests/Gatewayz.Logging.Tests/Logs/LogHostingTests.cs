using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gatewayz.Logging.Tests.Logs;

/// <summary>Sentry's Logs under <c>AddGatewayzLogging()</c>: the <c>Sentry</c> section turns them on; host shutdown delivers them.</summary>
[Collection(SentrySdkCollection.Name)]
public sealed class LogHostingTests
{
    sealed class CheckoutService;

    static readonly string Category = typeof(CheckoutService).FullName!.Replace('+', '.');

    /// <summary>The lines of the test's own logger; the host logs its lifetime too.</summary>
    static CapturedLog[] Own(RecordingTransport transport) =>
        transport.Logs.Where(l => Equals(l.Attributes.GetValueOrDefault("category.name"), Category)).ToArray();

    [Fact]
    public async Task The_sentry_section_turns_logs_on_and_host_shutdown_delivers_every_pending_line()
    {
        using var env = EnvironmentVariables.Clean();
        using var sentry = SentryCapture.Start();
        using var host = await TestHosts.StartAsync("""{ "Sentry": { "EnableLogs": true, "StormControl": { "Enabled": false } } }""");

        var logger = host.Services.GetRequiredService<ILogger<CheckoutService>>();
        for (var i = 0; i < 250; i++)
            logger.LogInformation("Checkout {index} done", i);
        await host.StopAsync();

        // Read the transport directly: no flush here, only the host's.
        var logs = Own(sentry.Transport);
        Assert.Equal(Enumerable.Range(0, 250).Select(i => $"Checkout {i} done"), logs.Select(l => l.Body));
    }

    [Fact]
    public async Task SENTRY_ENABLE_LOGS_turns_them_on_over_the_section()
    {
        using var env = EnvironmentVariables.Clean(("SENTRY_ENABLE_LOGS", "true"));
        using var sentry = SentryCapture.Start();
        using var host = await TestHosts.StartAsync("""{ "Sentry": { "EnableLogs": false } }""");

        host.Services.GetRequiredService<ILogger<CheckoutService>>().LogWarning("Slow upstream");
        await host.StopAsync();

        Assert.Equal("warn", Assert.Single(Own(sentry.Transport)).Level);
    }
}
