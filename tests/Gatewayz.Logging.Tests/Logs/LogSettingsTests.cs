using Gatewayz.Logging.Configuration;
using Gatewayz.Logging.Sinks;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Serilog;
using Serilog.Events;

namespace Gatewayz.Logging.Tests.Logs;

/// <summary>How Sentry's Logs are turned on: code, the sink's JSON Args, the <c>Sentry</c> section, <c>SENTRY_ENABLE_LOGS</c>.</summary>
[Collection(SentrySdkCollection.Name)]
public sealed class LogSettingsTests
{
    static SentrySettings Resolve(GatewayzSentryOptions options, params (string Name, string Value)[] env)
    {
        var variables = env.ToDictionary(v => v.Name, v => v.Value);
        return SentrySettingsResolver.Resolve(options, SettingSource.Code, name => variables.GetValueOrDefault(name));
    }

    [Fact]
    public void Off_by_default_from_information_when_on()
    {
        var settings = Resolve(new GatewayzSentryOptions());

        Assert.False(settings.Options.EnableLogs);
        Assert.Equal(LogEventLevel.Information, settings.Options.MinimumLogLevel);
    }

    [Theory]
    [InlineData(false, "true", true)]
    [InlineData(true, "0", false)]
    [InlineData(true, null, true)]
    public void SENTRY_ENABLE_LOGS_overrides_the_option(bool option, string? variable, bool expected)
    {
        var env = variable is null ? [] : new[] { ("SENTRY_ENABLE_LOGS", variable) };

        Assert.Equal(expected, Resolve(new GatewayzSentryOptions { EnableLogs = option }, env).Options.EnableLogs);
    }

    [Fact]
    public void A_bad_SENTRY_ENABLE_LOGS_is_a_startup_error_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => Resolve(new GatewayzSentryOptions(), ("SENTRY_ENABLE_LOGS", "maybe")));

        Assert.Contains("SENTRY_ENABLE_LOGS", error.Message);
    }

    [Fact]
    public void The_sentry_section_keys_are_read()
    {
        var options = new GatewayzSentryOptions();
        var configuration = AppSettings.FromJson("""{ "Sentry": { "EnableLogs": true, "MinimumLogLevel": "Warning" } }""");

        SentryConfigurationSection.Bind(configuration.GetSection("Sentry"), options, warning => Assert.Fail(warning));

        Assert.True(options.EnableLogs);
        Assert.Equal(LogEventLevel.Warning, options.MinimumLogLevel);
    }

    [Fact]
    public void The_sink_json_args_turn_logs_on_from_their_level()
    {
        using var env = EnvironmentVariables.Clean();
        using var selfLog = new SelfLogRecorder();
        using var sentry = SentryCapture.Start();
        const string json = """
        {
          "Serilog": {
            "Using": ["Gatewayz.Logging"],
            "MinimumLevel": "Debug",
            "WriteTo": [ { "Name": "GatewayzSentry", "Args": { "enableLogs": true, "minimumLogLevel": "Warning" } } ]
          }
        }
        """;

        using (var logger = new LoggerConfiguration().ReadFrom.Configuration(AppSettings.FromJson(json)).CreateLogger())
        {
            logger.Information("Below the log level");
            logger.Warning("Slow upstream");
        }

        Assert.Equal("Slow upstream", Assert.Single(sentry.Logs).Body);
        Assert.Equal("", selfLog.Text);
    }
}
