using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sentry;

namespace Gatewayz.Logging.Tests.Interop;

/// <summary>The <c>Sentry</c> section is shared with Sentry's own options: their keys are accepted, and applied when the library owns the SDK.</summary>
[Collection(SentrySdkCollection.Name)]
public sealed class SentrySectionTests
{
    sealed class Checkout;

    [Fact]
    public async Task Keys_that_only_Sentry_knows_start_the_app_and_reach_the_sdk_the_library_initialises()
    {
        using var env = EnvironmentVariables.Clean();
        var transport = new RecordingTransport();
        var builder = TestHosts.Builder("""
        {
          "Sentry": {
            "Dsn": "https://public@o0.ingest.sentry.io/42",
            "AttachStacktrace": false, "MaxBreadcrumbs": 2, "DiagnosticLevel": "Warning", "EnableSpotlight": false,
            "AutoSessionTracking": false, "DefaultTags": { "team": "payments" }, "ServerName": "gw-7",
            "MaxRequestBodySize": "Small", "FlushOnCompletedRequest": true, "InitializeSdk": true
          }
        }
        """);
        builder.AddGatewayzLogging(o => o.ConfigureSentry = s => s.Transport = transport);

        using (var host = builder.Build())
        {
            await host.StartAsync();
            var logger = host.Services.GetRequiredService<ILogger<Checkout>>();
            for (var i = 0; i < 5; i++)
                logger.LogInformation("Step {step}", i);
            logger.LogError("Checkout failed");
            await host.StopAsync();
        }

        var evt = transport.Events.Single();
        Assert.Equal(2, evt.Breadcrumbs.Count);
        Assert.Equal("payments", evt.Tags["team"]);
        Assert.Equal("gw-7", evt.Json.GetProperty("server_name").GetString());
    }

    [Theory]
    [InlineData("AttachStacktrace", "false")]
    [InlineData("MaxBreadcrumbs", "20")]
    [InlineData("DiagnosticLevel", "Warning")]
    [InlineData("EnableSpotlight", "false")]
    [InlineData("SpotlightUrl", "http://localhost:8969/stream")]
    [InlineData("IsGlobalModeEnabled", "false")]
    [InlineData("CaptureBlockingCalls", "false")]
    [InlineData("EnableLogs", "false")]
    [InlineData("AdjustStandardEnvironmentNameCasing", "true")]
    public void A_key_of_Sentrys_own_options_is_not_an_error(string key, string value)
    {
        using var env = EnvironmentVariables.Clean();
        var builder = TestHosts.Builder($$"""{ "Sentry": { "{{key}}": "{{value}}" } }""");

        builder.AddGatewayzLogging();
    }

    [Theory]
    [InlineData("AttachStackTrace2", "AttachStacktrace")]
    [InlineData("MinimumEvntLevel", "MinimumEventLevel")]
    [InlineData("SensitveKeys", "SensitiveKeys")]
    [InlineData("Dns", "Dsn")]
    [InlineData("Enviroment", "Environment")]
    [InlineData("StormControl:MaxEvents", "MaxEventsPerFingerprint")]
    public void A_key_neither_knows_is_a_startup_warning_naming_it_and_the_nearest_key(string key, string nearest)
    {
        using var env = EnvironmentVariables.Clean();
        using var stdout = new StandardOutput();
        var path = key.Split(':');
        var json = path.Length == 1 ? $$"""{ "{{key}}": "1" }""" : $$"""{ "{{path[0]}}": { "{{path[1]}}": "1" } }""";
        var builder = TestHosts.Builder($$"""{ "Sentry": {{json}} }""");

        // Sentry ignores a key it does not know: adding the library must not stop an app that started without it.
        builder.AddGatewayzLogging();
        using (builder.Build())
        {
        }

        var warning = Assert.Single(stdout.Lines, l => l.Contains($"'Sentry:{key}'", StringComparison.Ordinal));
        Assert.Contains("WRN", warning, StringComparison.Ordinal);
        Assert.Contains($"Did you mean '{nearest}'?", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_Sentrys_options_cannot_take_is_a_startup_error_naming_the_section()
    {
        using var env = EnvironmentVariables.Clean();
        var builder = TestHosts.Builder("""{ "Sentry": { "MaxBreadcrumbs": "lots" } }""");

        var error = Assert.Throws<ArgumentException>(() => builder.AddGatewayzLogging());

        Assert.Contains("Sentry", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxBreadcrumbs", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Critical", "Error", false)]
    [InlineData("Warning", "Warning", true)]
    [InlineData("None", "Fatal", false)]
    [InlineData("Trace", "Debug", true)]
    public async Task MinimumEventLevel_reads_Sentrys_level_names_with_the_same_meaning(string configured, string logged, bool sent)
    {
        using var env = EnvironmentVariables.Clean();
        using var sentry = SentryCapture.Start();
        using var host = await TestHosts.StartAsync($$"""
        { "Logging": { "LogLevel": { "Default": "Trace" } }, "Serilog": { "MinimumLevel": "Verbose" }, "Sentry": { "MinimumEventLevel": "{{configured}}" } }
        """);

        var level = Enum.Parse<LogLevel>(logged == "Fatal" ? "Critical" : logged);
        host.Services.GetRequiredService<ILogger<Checkout>>().Log(level, "Logged at {level}", logged);
        await host.StopAsync();

        Assert.Equal(sent ? 1 : 0, sentry.Transport.Events.Count(e => e.Message == "Logged at {level}"));
    }

    [Fact]
    public async Task EnableSpotlight_and_SpotlightUrl_mean_what_they_mean_to_Sentry()
    {
        using var env = EnvironmentVariables.Clean();
        using var spotlight = new EnvelopeInbox();
        using (var host = await TestHosts.StartAsync($$"""
            { "Sentry": { "EnableSpotlight": true, "SpotlightUrl": "{{spotlight.SpotlightUrl}}" } }
            """))
        {
            Assert.True(SentrySdk.IsEnabled);
            host.Services.GetRequiredService<ILogger<Checkout>>().LogError("Seen in Spotlight");
            await host.StopAsync();
        }

        Assert.Contains("Seen in Spotlight", spotlight.WaitForBody(TimeSpan.FromSeconds(10)), StringComparison.Ordinal);
        Assert.Equal("/stream", spotlight.LastPath);
    }
}
