using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sentry;

namespace Gatewayz.Logging.Tests;

/// <summary>The hosting one-liner: configuration in, MEL through Serilog, Sentry once, flush at shutdown.</summary>
[Collection(SentrySdkCollection.Name)]
public sealed class HostingTests
{
    sealed class CheckoutService;

    static HostApplicationBuilder Builder(string json, string environment = "Production") => TestHosts.Builder(json, environment);

    static Task<IHost> StartAsync(string json) => TestHosts.StartAsync(json);

    const string Settings = """
    {
      "Logging": { "LogLevel": { "Default": "Information", "Noisy": "None" } },
      "Serilog": {
        "MinimumLevel": { "Default": "Debug", "Override": { "Quiet": "Fatal" } },
        "WriteTo": []
      },
      "Sentry": { "MinimumBreadcrumbLevel": "Information", "Tags": ["tenant"] }
    }
    """;

    [Fact]
    public async Task One_line_routes_MEL_through_Serilog_to_Sentry_and_respects_both_level_filters()
    {
        using var env = EnvironmentVariables.Clean();
        using var sentry = SentryCapture.Start();
        using var host = await StartAsync(Settings);

        var factory = host.Services.GetRequiredService<ILoggerFactory>();
        var logger = host.Services.GetRequiredService<ILogger<CheckoutService>>();
        using (logger.BeginScope(new Dictionary<string, object> { ["provider"] = "stripe", ["tenant"] = "acme" }))
        {
            logger.LogInformation("Creating session");
            logger.LogDebug("Below the MEL default level");
            factory.CreateLogger("Noisy.Poller").LogError("Filtered by Logging:LogLevel");
            factory.CreateLogger("Quiet.Worker").LogError("Filtered by Serilog MinimumLevel:Override");
            logger.LogError(Throw.Caught(() => new InvalidOperationException("card declined")), "Checkout failed");
        }
        await host.StopAsync();

        var evt = sentry.Transport.Events.Single();
        Assert.Equal("Checkout failed", evt.Message);
        Assert.Equal("stripe", evt.Tags["provider"]);
        Assert.Equal("acme", evt.Tags["tenant"]);
        Assert.Equal("production", evt.Environment);
        var breadcrumbs = evt.Breadcrumbs.Select(b => b.Message).ToArray();
        Assert.Contains("Creating session", breadcrumbs);
        Assert.DoesNotContain("Below the MEL default level", breadcrumbs);
    }

    [Fact]
    public async Task Host_shutdown_flushes_every_pending_event()
    {
        using var env = EnvironmentVariables.Clean();
        using var sentry = SentryCapture.Start();
        using var host = await StartAsync("""{ "Sentry": { "StormControl": { "Enabled": false } } }""");

        var logger = host.Services.GetRequiredService<ILogger<CheckoutService>>();
        for (var i = 0; i < 300; i++)
            logger.LogError("Failure {index}", i);
        await host.StopAsync();

        // Read the transport directly: no flush here, only the host's.
        Assert.Equal(300, sentry.Transport.Events.Count);
    }

    [Fact]
    public async Task With_a_dsn_the_one_liner_initialises_Sentry_once_and_closes_it_with_the_host()
    {
        using var env = EnvironmentVariables.Clean();
        var transport = new RecordingTransport();
        var builder = Builder("""{ "Sentry": { "Dsn": "https://public@o0.ingest.sentry.io/42", "Release": "gateway@3.0.0" } }""", "Staging");
        builder.AddGatewayzLogging(o => o.ConfigureSentry = s => s.Transport = transport);
        // Not at builder time: UseSentry() or SentrySdk.Init, wherever the app calls them, come first.
        Assert.False(SentrySdk.IsEnabled);

        using (var host = builder.Build())
        {
            await host.StartAsync();
            Assert.True(SentrySdk.IsEnabled);
            host.Services.GetRequiredService<ILogger<CheckoutService>>().LogCritical("Payments down");
            await host.StopAsync();
        }

        Assert.False(SentrySdk.IsEnabled);
        var evt = transport.Events.Single();
        Assert.Equal("fatal", evt.Level);
        Assert.Equal("staging", evt.Environment);
        Assert.Equal("gateway@3.0.0", evt.Release);
    }

    [Fact]
    public void SENTRY_variables_override_the_Sentry_section()
    {
        using var env = EnvironmentVariables.Clean(("SENTRY_SAMPLE_RATE", "3"));
        var builder = Builder("""{ "Sentry": { "SampleRate": 0.5 } }""");

        var error = Assert.Throws<ArgumentException>(() => builder.AddGatewayzLogging());

        Assert.Contains("SENTRY_SAMPLE_RATE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_dsn_exactly_one_log_line_says_that_Sentry_is_off()
    {
        using var env = EnvironmentVariables.Clean();
        using var stdout = new StandardOutput();
        using var stderr = new StandardError();
        var builder = Builder("""{ "Serilog": { "MinimumLevel": "Information" } }""");
        builder.AddGatewayzLogging();
        using (var host = builder.Build())
        {
            await host.StartAsync();
            host.Services.GetRequiredService<ILogger<CheckoutService>>().LogError("Still logged to the console");
            await host.StopAsync();
        }

        Assert.Single(stdout.Lines, l => l.Contains("Sentry is off", StringComparison.Ordinal));
        Assert.Single(stdout.Lines, l => l.Contains("Still logged to the console", StringComparison.Ordinal));
        Assert.Empty(stderr.Lines);
    }

    [Theory]
    [InlineData("""{ "Sentry": { "SampleRate": "often" } }""", "Sentry:SampleRate")]
    [InlineData("""{ "Sentry": { "MinimumEventLevel": "Eror" } }""", "Sentry:MinimumEventLevel")]
    [InlineData("""{ "Sentry": { "Enabled": "perhaps" } }""", "Sentry:Enabled")]
    [InlineData("""{ "Sentry": { "Dsn": "nope" } }""", "Sentry:Dsn")]
    public void A_bad_Sentry_setting_is_a_startup_error_naming_it(string json, string setting)
    {
        using var env = EnvironmentVariables.Clean();
        var builder = Builder(json);

        var error = Assert.Throws<ArgumentException>(() => builder.AddGatewayzLogging());

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }
}
