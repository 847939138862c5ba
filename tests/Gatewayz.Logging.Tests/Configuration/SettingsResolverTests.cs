using Gatewayz.Logging.Configuration;
using Gatewayz.Logging.Sinks;
using Serilog.Events;

namespace Gatewayz.Logging.Tests;

/// <summary>SENTRY_* variables over options, and every validation message; pure, with an injected environment.</summary>
public sealed class SettingsResolverTests
{
    const string Dsn = "https://public@o0.ingest.sentry.io/42";

    static SentrySettings Resolve(GatewayzSentryOptions options, params (string Name, string Value)[] env)
    {
        var variables = env.ToDictionary(v => v.Name, v => v.Value);
        return SentrySettingsResolver.Resolve(options, SettingSource.Code, name => variables.GetValueOrDefault(name));
    }

    [Fact]
    public void Environment_variables_override_every_option()
    {
        var options = new GatewayzSentryOptions
        {
            Dsn = Dsn,
            Environment = "from-code",
            Release = "code@1",
            SampleRate = 1,
            TracesSampleRate = 1,
            ProfilesSampleRate = 1,
            Debug = false,
        };

        var settings = Resolve(options,
            ("SENTRY_DSN", "https://other@o1.ingest.sentry.io/7"),
            ("SENTRY_ENVIRONMENT", "staging-eu"),
            ("SENTRY_RELEASE", "gateway@2.3.4"),
            ("SENTRY_SAMPLE_RATE", "0.25"),
            ("SENTRY_TRACES_SAMPLE_RATE", "0.1"),
            ("SENTRY_PROFILES_SAMPLE_RATE", "0"),
            ("SENTRY_DEBUG", "yes"),
            ("SENTRY_SPOTLIGHT", "http://127.0.0.1:9999/stream"));

        Assert.Equal("https://other@o1.ingest.sentry.io/7", settings.Dsn);
        Assert.Equal("staging-eu", settings.Environment);
        Assert.Equal("gateway@2.3.4", settings.Release);
        Assert.Equal(0.25, settings.Options.SampleRate);
        Assert.Equal(0.1, settings.Options.TracesSampleRate);
        Assert.Equal(0, settings.Options.ProfilesSampleRate);
        Assert.True(settings.Options.Debug);
        Assert.Equal("http://127.0.0.1:9999/stream", settings.SpotlightUrl);
    }

    [Fact]
    public void Options_apply_when_no_variable_is_set()
    {
        var settings = Resolve(new GatewayzSentryOptions { Dsn = Dsn, Environment = "qa", Release = "r1", SampleRate = 0.5 });

        Assert.Equal(Dsn, settings.Dsn);
        Assert.Equal("qa", settings.Environment);
        Assert.Equal("r1", settings.Release);
        Assert.Equal(0.5, settings.Options.SampleRate);
        Assert.True(settings.Enabled);
        Assert.Null(settings.SpotlightUrl);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("Yes", true)]
    [InlineData("yes", true)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("NO", false)]
    public void SENTRY_ENABLED_accepts_the_seed_spellings_in_any_case(string value, bool expected)
    {
        Assert.Equal(expected, Resolve(new GatewayzSentryOptions { Enabled = !expected }, ("SENTRY_ENABLED", value)).Enabled);
    }

    [Fact]
    public void Enabled_defaults_to_true()
    {
        Assert.True(Resolve(new GatewayzSentryOptions()).Enabled);
    }

    [Theory]
    [InlineData("SENTRY_ENABLED", "maybe")]
    [InlineData("SENTRY_DEBUG", "sometimes")]
    [InlineData("SENTRY_SAMPLE_RATE", "half")]
    [InlineData("SENTRY_SAMPLE_RATE", "1.5")]
    [InlineData("SENTRY_SAMPLE_RATE", "-0.1")]
    [InlineData("SENTRY_TRACES_SAMPLE_RATE", "2")]
    [InlineData("SENTRY_PROFILES_SAMPLE_RATE", "-1")]
    [InlineData("SENTRY_DSN", "not-a-dsn")]
    [InlineData("SENTRY_DSN", "https://o0.ingest.sentry.io/1")]
    [InlineData("SENTRY_DSN", "https://key@o0.ingest.sentry.io/")]
    [InlineData("SENTRY_DSN", "ftp://key@o0.ingest.sentry.io/1")]
    [InlineData("SENTRY_SPOTLIGHT", "somewhere")]
    public void A_bad_variable_is_an_error_naming_it_and_its_value(string variable, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => Resolve(new GatewayzSentryOptions(), (variable, value)));

        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void A_sample_rate_outside_zero_to_one_in_code_is_an_error_naming_the_option(double rate)
    {
        var error = Assert.Throws<ArgumentException>(() => Resolve(new GatewayzSentryOptions { SampleRate = rate }));

        Assert.Contains("GatewayzSentryOptions.SampleRate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_dsn_in_code_is_an_error_naming_the_option_and_value()
    {
        var error = Assert.Throws<ArgumentException>(() => Resolve(new GatewayzSentryOptions { Dsn = "https//broken" }));

        Assert.Contains("GatewayzSentryOptions.Dsn", error.Message, StringComparison.Ordinal);
        Assert.Contains("'https//broken'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undefined_level_value_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => Resolve(new GatewayzSentryOptions { MinimumEventLevel = (LogEventLevel)42 }));

        Assert.Contains("MinimumEventLevel", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Eror")]
    [InlineData("7")]
    [InlineData("")]
    public void An_unknown_level_name_is_an_error_naming_the_setting_and_value(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => LevelNames.Parse(name, "GatewayzSentry argument 'minimumEventLevel'"));

        Assert.Contains("minimumEventLevel", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Level_names_ignore_case()
    {
        Assert.Equal(LogEventLevel.Warning, LevelNames.Parse("warning", "x"));
        Assert.Equal(LogEventLevel.Fatal, LevelNames.Parse(" FATAL ", "x"));
    }

    [Fact]
    public void The_environment_falls_back_to_the_host_environment_name_in_Sentry_casing()
    {
        Assert.Equal("production", Resolve(new GatewayzSentryOptions(), ("DOTNET_ENVIRONMENT", "Production")).Environment);
        Assert.Equal("staging", Resolve(new GatewayzSentryOptions(), ("ASPNETCORE_ENVIRONMENT", "Staging")).Environment);
        Assert.Equal("qa-2", Resolve(new GatewayzSentryOptions(), ("ASPNETCORE_ENVIRONMENT", "qa-2")).Environment);
        Assert.Equal("ci", Resolve(new GatewayzSentryOptions { Environment = "ci" }, ("DOTNET_ENVIRONMENT", "Production")).Environment);
    }

    [Theory]
    [InlineData("true", "http://localhost:8969/stream")]
    [InlineData("1", "http://localhost:8969/stream")]
    [InlineData("http://127.0.0.1:8969", "http://127.0.0.1:8969/stream")]
    [InlineData("http://127.0.0.1:8969/stream", "http://127.0.0.1:8969/stream")]
    [InlineData("false", null)]
    [InlineData("0", null)]
    public void SENTRY_SPOTLIGHT_takes_true_or_the_sidecar_url(string value, string? expected)
    {
        Assert.Equal(expected, Resolve(new GatewayzSentryOptions(), ("SENTRY_SPOTLIGHT", value)).SpotlightUrl);
    }

    [Fact]
    public void Blank_variables_are_ignored()
    {
        var settings = Resolve(new GatewayzSentryOptions { Dsn = Dsn, Release = "r" }, ("SENTRY_DSN", "  "), ("SENTRY_RELEASE", ""));

        Assert.Equal(Dsn, settings.Dsn);
        Assert.Equal("r", settings.Release);
    }

    [Fact]
    public void Off_reason_names_disabled_capture()
    {
        var settings = Resolve(new GatewayzSentryOptions { Dsn = Dsn }, ("SENTRY_ENABLED", "false"));

        Assert.Contains("SENTRY_ENABLED", settings.OffReason, StringComparison.Ordinal);
    }
}
