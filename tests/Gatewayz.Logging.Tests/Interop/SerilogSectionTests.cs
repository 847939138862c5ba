using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gatewayz.Logging.Tests.Interop;

/// <summary>Under <c>AddGatewayzLogging()</c>, the <c>Serilog</c> section works as Serilog.Settings.Configuration documents it.</summary>
[Collection(SentrySdkCollection.Name)]
public sealed class SerilogSectionTests
{
    sealed class Checkout;

    [Fact]
    public async Task LevelSwitches_are_shared_between_MinimumLevel_ControlledBy_and_a_sinks_levelSwitch()
    {
        using var env = EnvironmentVariables.Clean();
        using var stdout = new StandardOutput();
        using var sentry = SentryCapture.Start();
        using var host = await TestHosts.StartAsync("""
        {
          "Logging": { "LogLevel": { "Default": "Trace" } },
          "Serilog": {
            "LevelSwitches": { "$gate": "Debug", "$console": "Warning" },
            "MinimumLevel": { "ControlledBy": "$gate" },
            "WriteTo": [ { "Name": "Console", "Args": { "levelSwitch": "$console", "outputTemplate": "{Level:u3} {Message:lj}{NewLine}" } } ]
          },
          "Sentry": { "MinimumBreadcrumbLevel": "Debug" }
        }
        """);

        var logger = host.Services.GetRequiredService<ILogger<Checkout>>();
        logger.LogTrace("Below the gate");
        logger.LogDebug("Through the gate");
        logger.LogWarning("Loud enough for the console");
        logger.LogError("Checkout failed");
        await host.StopAsync();

        var breadcrumbs = sentry.Transport.Events.Single().Breadcrumbs.Select(b => b.Message).ToArray();
        Assert.Contains("Through the gate", breadcrumbs);
        Assert.DoesNotContain("Below the gate", breadcrumbs);
        Assert.DoesNotContain(stdout.Lines, l => l.Contains("Through the gate", StringComparison.Ordinal));
        Assert.Contains(stdout.Lines, l => l == "WRN Loud enough for the console");
    }

    [Fact]
    public async Task Filters_sub_loggers_Async_and_properties_of_the_section_work_and_text_sinks_stay_redacted()
    {
        using var env = EnvironmentVariables.Clean();
        using var stdout = new StandardOutput();
        using var sentry = SentryCapture.Start();
        using var host = await TestHosts.StartAsync("""
        {
          "Serilog": {
            "Using": ["Serilog.Sinks.Async", "Serilog.Expressions"],
            "MinimumLevel": "Information",
            "Properties": { "region": "eu-west" },
            "Filter": [ { "Name": "ByExcluding", "Args": { "expression": "@m like 'Health check%'" } } ],
            "WriteTo": [
              { "Name": "Async", "Args": { "configure": [ { "Name": "Console", "Args": { "outputTemplate": "async {Message:lj} {Exception}{NewLine}" } } ] } },
              { "Name": "Logger", "Args": { "configureLogger": {
                  "MinimumLevel": "Error",
                  "WriteTo": [ { "Name": "Console", "Args": { "outputTemplate": "errors-only {Message:lj} [{region}]{NewLine}" } } ] } } }
            ]
          },
          "Sentry": { "Tags": ["region"] }
        }
        """);

        var logger = host.Services.GetRequiredService<ILogger<Checkout>>();
        logger.LogInformation("Health check passed");
        logger.LogInformation("Charging card for jane.doe@example.com");
        logger.LogError(Throw.Caught(() => new InvalidOperationException("declined for token=abcdef0123456789abcdef")), "Checkout failed");
        await host.StopAsync();
        await Serilog.Log.CloseAndFlushAsync();

        var evt = sentry.Transport.Events.Single();
        Assert.Equal("eu-west", evt.Tags["region"]);
        Assert.DoesNotContain(evt.Breadcrumbs, b => b.Message?.StartsWith("Health check", StringComparison.Ordinal) == true);
        Assert.Equal("System.InvalidOperationException", evt.Exception?.Type);
        Assert.Contains(stdout.Lines, l => l == "errors-only Checkout failed [eu-west]");
        Assert.DoesNotContain(stdout.Lines, l => l.StartsWith("errors-only Charging", StringComparison.Ordinal));
        Assert.Contains(stdout.Lines, l => l.StartsWith("async Charging card for", StringComparison.Ordinal));
        Assert.DoesNotContain("jane.doe@example.com", stdout.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdef0123456789abcdef", stdout.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Health check", stdout.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_GatewayzSentry_sink_declared_in_the_section_gets_the_original_exception()
    {
        using var env = EnvironmentVariables.Clean();
        using var sentry = SentryCapture.Start();
        using var host = await TestHosts.StartAsync("""
        {
          "Serilog": {
            "Using": ["Gatewayz.Logging"],
            "WriteTo": [ { "Name": "Console" }, { "Name": "GatewayzSentry", "Args": { "tags": ["tenant"] } } ]
          }
        }
        """);

        var inner = Throw.Caught(() => new TimeoutException("upstream timed out"));
        var failure = Throw.Caught(() => throw new HttpRequestException("GET https://api.example.com/v1?token=abcdef0123456789abcdef for jane.doe@example.com failed", inner));
        host.Services.GetRequiredService<ILogger<Checkout>>().LogError(failure, "Checkout failed");
        await host.StopAsync();

        var evt = sentry.Transport.Events.Single();
        Assert.Equal(["System.TimeoutException", "System.Net.Http.HttpRequestException"], evt.Exceptions.Select(e => e.Type));
        Assert.True(evt.Exception!.FrameCount > 0);
        Assert.DoesNotContain("jane.doe@example.com", evt.Json.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("abcdef0123456789abcdef", evt.Json.GetRawText(), StringComparison.Ordinal);
    }
}
