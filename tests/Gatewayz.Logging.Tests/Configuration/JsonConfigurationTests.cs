using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Serilog;
using Serilog.Context;

namespace Gatewayz.Logging.Tests;

/// <summary>The sink and enricher configured from appsettings.json alone, through Serilog.Settings.Configuration.</summary>
[Collection(SentrySdkCollection.Name)]
public sealed class JsonConfigurationTests
{
    const string AppSettings = """
    {
      "Serilog": {
        "Using": ["Gatewayz.Logging"],
        "MinimumLevel": "Debug",
        "Enrich": ["FromLogContext", "WithGatewayzContext"],
        "WriteTo": [
          {
            "Name": "GatewayzSentry",
            "Args": {
              "minimumEventLevel": "Warning",
              "minimumBreadcrumbLevel": "Debug",
              "environment": "json-env",
              "release": "gateway@1.2.3",
              "tags": ["region"]
            }
          }
        ]
      }
    }
    """;

    [Fact]
    public void The_sink_and_enricher_are_configured_from_json_alone_and_SelfLog_stays_empty()
    {
        using var env = EnvironmentVariables.Clean();
        using var selfLog = new SelfLogRecorder();
        // The SDK is the app's: its environment and release stand, whatever the sink's arguments say.
        using var sentry = SentryCapture.Start(o =>
        {
            o.Environment = "owner-env";
            o.Release = "owner@1.0.0";
        });
        using (var logger = new LoggerConfiguration().ReadFrom.Configuration(Support.AppSettings.FromJson(AppSettings)).CreateLogger())
        {
            using (LogContext.PushProperty("provider", "featherless"))
            using (LogContext.PushProperty("region", "us-east"))
            {
                logger.Debug("Resolving model");
                logger.Warning("Slow upstream");
            }
        }

        var evt = sentry.Events.Single();
        Assert.Equal("warning", evt.Level);
        Assert.Equal("featherless", evt.Tags["provider"]);
        Assert.Equal("us-east", evt.Tags["region"]);
        Assert.Equal("owner-env", evt.Environment);
        Assert.Equal("owner@1.0.0", evt.Release);
        Assert.Equal("Resolving model", evt.Breadcrumbs.Single().Message);
        Assert.Equal("", selfLog.Text);
    }

    [Fact]
    public void Replacing_the_default_tags_from_json()
    {
        using var env = EnvironmentVariables.Clean();
        using var sentry = SentryCapture.Start();
        const string json = """
        { "Serilog": { "Using": ["Gatewayz.Logging"], "Enrich": ["FromLogContext"],
          "WriteTo": [ { "Name": "GatewayzSentry", "Args": { "tags": ["tenant"], "replaceDefaultTags": true } } ] } }
        """;
        using (var logger = new LoggerConfiguration().ReadFrom.Configuration(Support.AppSettings.FromJson(json)).CreateLogger())
        using (LogContext.PushProperty("provider", "together"))
        using (LogContext.PushProperty("tenant", "acme"))
            logger.Error("Failed");

        var evt = sentry.Events.Single();
        Assert.Equal("acme", evt.Tags["tenant"]);
        Assert.False(evt.Tags.ContainsKey("provider"));
    }

    [Fact]
    public void SENTRY_variables_override_the_json_arguments()
    {
        using var env = EnvironmentVariables.Clean(("SENTRY_ENVIRONMENT", "from-env"), ("SENTRY_RELEASE", "env@9"));
        using var sentry = SentryCapture.Start();
        using (var logger = new LoggerConfiguration().ReadFrom.Configuration(Support.AppSettings.FromJson(AppSettings)).CreateLogger())
            logger.Error("Failed");

        var evt = sentry.Events.Single();
        Assert.Equal("from-env", evt.Environment);
        Assert.Equal("env@9", evt.Release);
    }

    [Fact]
    public void SENTRY_variables_override_options_set_in_code()
    {
        using var env = EnvironmentVariables.Clean(("SENTRY_RELEASE", "env@9"), ("SENTRY_SAMPLE_RATE", "0"));
        var transport = new RecordingTransport();
        using (var logger = new LoggerConfiguration().WriteTo.GatewayzSentry(o =>
        {
            o.Dsn = "https://public@o0.ingest.sentry.io/42";
            o.Release = "code@1";
            o.SampleRate = 1;
            o.ConfigureSentry = s => s.Transport = transport;
        }).CreateLogger())
        {
            logger.Error("Sampled out by SENTRY_SAMPLE_RATE=0");
        }

        Assert.Empty(transport.Events);
    }

    [Fact]
    public void On_an_sdk_the_app_initialised_the_sink_leaves_its_sample_rate_to_it()
    {
        using var env = EnvironmentVariables.Clean(("SENTRY_SAMPLE_RATE", "0"));
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();

        logger.Error("The app's SDK samples, not the library");

        Assert.Single(sentry.Events);
    }

    [Theory]
    [InlineData("\"minimumEventLevel\": \"Eror\"", "minimumEventLevel", "Eror")]
    [InlineData("\"minimumBreadcrumbLevel\": \"Loud\"", "minimumBreadcrumbLevel", "Loud")]
    [InlineData("\"sampleRate\": \"1.5\"", "sampleRate", "1.5")]
    [InlineData("\"sampleRate\": \"-0.2\"", "sampleRate", "-0.2")]
    [InlineData("\"dsn\": \"https//broken\"", "dsn", "https//broken")]
    [InlineData("\"minimumEvntLevel\": \"Warning\"", "minimumEvntLevel", "Serilog:WriteTo:0:Args:minimumEvntLevel")]
    public void A_bad_json_argument_is_a_startup_error_naming_it(string argument, string setting, string value)
    {
        using var env = EnvironmentVariables.Clean();
        var json = $$"""
        { "Serilog": { "Using": ["Gatewayz.Logging"], "WriteTo": [ { "Name": "GatewayzSentry", "Args": { {{argument}} } } ] } }
        """;

        var error = Assert.ThrowsAny<Exception>(() => new LoggerConfiguration().ReadFrom.Configuration(Support.AppSettings.FromJson(json)).CreateLogger());

        var cause = error.InnerException ?? error;
        Assert.IsType<ArgumentException>(cause);
        Assert.Contains(setting, cause.Message, StringComparison.Ordinal);
        Assert.Contains(value, cause.Message, StringComparison.Ordinal);
    }
}
