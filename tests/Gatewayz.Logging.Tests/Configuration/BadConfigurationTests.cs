using System.Reflection;
using System.Text;
using Gatewayz.Logging.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace Gatewayz.Logging.Tests;

/// <summary>
/// A bad setting is an error at startup that names it, through appsettings.json read by
/// <c>ReadFrom.Configuration</c>, through <c>AddGatewayzLogging</c>, and through <c>SENTRY_*</c>
/// variables: never a silent no-op. Cases covered elsewhere: JsonConfigurationTests (a malformed
/// <c>dsn</c>, <c>sampleRate</c> 1.5 and -0.2, <c>minimumEventLevel</c> "Eror", <c>minimumBreadcrumbLevel</c>
/// "Loud", a misspelled <c>GatewayzSentry</c> argument), HostingTests (<c>Sentry:Dsn</c>,
/// <c>Sentry:SampleRate</c> "often", <c>Sentry:MinimumEventLevel</c>, <c>SENTRY_SAMPLE_RATE</c> 3),
/// SettingsResolverTests (every <c>SENTRY_*</c> variable and option). A key of the <c>Sentry</c> section
/// that neither the library nor Sentry knows is a warning, not an error (SentrySectionTests): Sentry
/// ignores it, and adding the library must not stop an app that ran.
/// </summary>
[Collection(SentrySdkCollection.Name)]
public sealed class BadConfigurationTests
{
    public enum Startup
    {
        /// <summary><c>new LoggerConfiguration().ReadFrom.Configuration(configuration)</c>.</summary>
        ReadFromConfiguration,

        /// <summary><c>builder.AddGatewayzLogging()</c>.</summary>
        AddGatewayzLogging,
    }

    /// <summary>Starts logging from <paramref name="json"/> and returns the startup error, unwrapped from Serilog's reflection call.</summary>
    static Exception StartupError(Startup startup, string json)
    {
        var error = Assert.ThrowsAny<Exception>(() =>
        {
            if (startup == Startup.ReadFromConfiguration)
            {
                new LoggerConfiguration().ReadFrom.Configuration(AppSettings.FromJson(json)).CreateLogger().Dispose();
                return;
            }
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
            builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)));
            builder.AddGatewayzLogging();
        });
        return error is TargetInvocationException { InnerException: { } cause } ? cause : error;
    }

    /// <summary>The error must name the setting as the user wrote it, and the value at fault.</summary>
    static void AssertNames(Exception error, string setting, string value)
    {
        Assert.IsType<ArgumentException>(error);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
    }

    const string SerilogWithSentry = """{ "Serilog": { "Using": ["Gatewayz.Logging"], "WriteTo": [ { "Name": "GatewayzSentry" } ] } }""";

    [Theory]
    [InlineData(Startup.ReadFromConfiguration, "https//broken")]
    [InlineData(Startup.AddGatewayzLogging, "https//broken")]
    [InlineData(Startup.ReadFromConfiguration, "https://o0.ingest.sentry.io/1")]
    [InlineData(Startup.AddGatewayzLogging, "sentry.io")]
    public void A_malformed_SENTRY_DSN_is_a_startup_error_naming_it(Startup startup, string dsn)
    {
        using var env = EnvironmentVariables.Clean(("SENTRY_DSN", dsn));

        AssertNames(StartupError(startup, startup == Startup.ReadFromConfiguration ? SerilogWithSentry : "{}"), "SENTRY_DSN", dsn);
    }

    [Theory]
    [InlineData(Startup.ReadFromConfiguration, """{ "Serilog": { "Using": ["Gatewayz.Logging"], "WriteTo": [ { "Name": "GatewayzSentry", "Args": { "tracesSampleRate": 2 } } ] } }""", "GatewayzSentry argument 'tracesSampleRate'", "2")]
    [InlineData(Startup.ReadFromConfiguration, """{ "Serilog": { "Using": ["Gatewayz.Logging"], "WriteTo": [ { "Name": "GatewayzSentry", "Args": { "profilesSampleRate": -1 } } ] } }""", "GatewayzSentry argument 'profilesSampleRate'", "-1")]
    [InlineData(Startup.AddGatewayzLogging, """{ "Sentry": { "SampleRate": 1.5 } }""", "configuration 'Sentry:SampleRate'", "1.5")]
    [InlineData(Startup.AddGatewayzLogging, """{ "Sentry": { "SampleRate": -0.25 } }""", "configuration 'Sentry:SampleRate'", "-0.25")]
    [InlineData(Startup.AddGatewayzLogging, """{ "Sentry": { "TracesSampleRate": 1.01 } }""", "configuration 'Sentry:TracesSampleRate'", "1.01")]
    public void A_sample_rate_outside_0_to_1_is_a_startup_error_naming_the_setting(Startup startup, string json, string setting, string value)
    {
        using var env = EnvironmentVariables.Clean();

        AssertNames(StartupError(startup, json), setting, value);
    }

    [Theory]
    [InlineData(Startup.ReadFromConfiguration, "SENTRY_SAMPLE_RATE", "1.5")]
    [InlineData(Startup.ReadFromConfiguration, "SENTRY_TRACES_SAMPLE_RATE", "-0.1")]
    [InlineData(Startup.AddGatewayzLogging, "SENTRY_SAMPLE_RATE", "-1")]
    [InlineData(Startup.AddGatewayzLogging, "SENTRY_PROFILES_SAMPLE_RATE", "1.01")]
    public void A_SENTRY_sample_rate_outside_0_to_1_is_a_startup_error_naming_the_variable(Startup startup, string variable, string value)
    {
        using var env = EnvironmentVariables.Clean((variable, value));

        AssertNames(StartupError(startup, startup == Startup.ReadFromConfiguration ? SerilogWithSentry : "{}"), variable, value);
    }

    [Theory]
    [InlineData("""{ "Sentry": { "MinimumBreadcrumbLevel": "Loud" } }""", "Sentry:MinimumBreadcrumbLevel", "Loud")]
    [InlineData("""{ "Serilog": { "Using": ["Gatewayz.Logging"], "WriteTo": [ { "Name": "GatewayzSentry", "Args": { "restrictedToMinimumLevel": "Eror" } } ] } }""", "Serilog:WriteTo:0:Args:restrictedToMinimumLevel", "Eror")]
    [InlineData("""{ "Serilog": { "Using": ["Gatewayz.Logging"], "WriteTo": [ { "Name": "GatewayzRedacted", "Args": { "configure": [ { "Name": "Console" } ], "restrictedToMinimumLevel": "Loud" } } ] } }""", "Serilog:WriteTo:0:Args:restrictedToMinimumLevel", "Loud")]
    public void An_unknown_level_name_is_a_startup_error_of_AddGatewayzLogging_naming_the_setting(string json, string setting, string value)
    {
        using var env = EnvironmentVariables.Clean();

        AssertNames(StartupError(Startup.AddGatewayzLogging, json), setting, value);
    }

    [Fact]
    public void An_unknown_restrictedToMinimumLevel_under_ReadFrom_Configuration_fails_in_Serilog_before_the_library_runs()
    {
        using var env = EnvironmentVariables.Clean();
        const string json = """{ "Serilog": { "Using": ["Gatewayz.Logging"], "WriteTo": [ { "Name": "GatewayzSentry", "Args": { "restrictedToMinimumLevel": "Eror" } } ] } }""";

        // Serilog.Settings.Configuration converts the arguments before it calls GatewayzSentry: an error at
        // startup, naming the value but not the setting. AddGatewayzLogging checks first and names it (above).
        var error = StartupError(Startup.ReadFromConfiguration, json);

        Assert.Contains("'Eror'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_ReadFrom_Configuration_an_unknown_Serilog_minimum_level_is_a_startup_error_from_Serilog_naming_the_value()
    {
        using var env = EnvironmentVariables.Clean();

        var error = StartupError(Startup.ReadFromConfiguration, """{ "Serilog": { "MinimumLevel": { "Default": "Loud" } } }""");

        Assert.Contains("Loud", error.Message, StringComparison.Ordinal);
        Assert.Contains("Serilog level", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "Serilog": { "Using": ["Gatewayz.Logging"], "WriteTo": [ { "Name": "GatewayzSentry", "Args": { "minimumEventLevel": "Err" } } ] } }""", "minimumEventLevel", "Err", "Error")]
    [InlineData("""{ "Serilog": { "MinimumLevel": { "Default": "Info" } } }""", "Serilog:MinimumLevel:Default", "Info", "Information")]
    [InlineData("""{ "Serilog": { "MinimumLevel": "Loud" } }""", "Serilog:MinimumLevel", "Loud", "Warning")]
    [InlineData("""{ "Serilog": { "MinimumLevel": { "Default": "Information", "Override": { "Microsoft.AspNetCore": "Warn" } } } }""", "Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Warn", "Warning")]
    public void Under_AddGatewayzLogging_the_first_line_of_a_bad_level_names_the_key_the_value_and_the_valid_names(string json, string key, string value, string valid)
    {
        using var env = EnvironmentVariables.Clean();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        // Not wrapped in Serilog's TargetInvocationException: what a person reads first is the library's line.
        var error = Assert.Throws<ArgumentException>(() => builder.AddGatewayzLogging());

        var firstLine = error.ToString().Split('\n')[0];
        Assert.Contains(key, firstLine, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", firstLine, StringComparison.Ordinal);
        Assert.Contains(valid, firstLine, StringComparison.Ordinal);
    }

    [Fact]
    public void A_level_switch_reference_in_the_minimum_level_is_left_to_Serilog()
    {
        using var env = EnvironmentVariables.Clean();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(
            """{ "Serilog": { "LevelSwitches": { "$app": "Warning" }, "MinimumLevel": { "ControlledBy": "$app", "Override": { "Microsoft": "Error" } } } }""")));

        builder.AddGatewayzLogging();
    }

    [Theory]
    [InlineData(Startup.ReadFromConfiguration, """{ "Serilog": { "Using": ["Gatewayz.Logging"], "Enrich": [ "FromLogContext", { "Name": "WithGatewayzContext", "Args": { "captureThrowSiteContex": false } } ], "WriteTo": [ { "Name": "GatewayzSentry" } ] } }""", "Serilog:Enrich:1:Args:captureThrowSiteContex")]
    [InlineData(Startup.ReadFromConfiguration, """{ "Serilog": { "Using": ["Gatewayz.Logging"], "WriteTo": [ { "Name": "GatewayzRedacted", "Args": { "configure": [ { "Name": "Console" } ], "sensitivKeys": ["tenant_salt"] } }, { "Name": "GatewayzSentry" } ] } }""", "Serilog:WriteTo:0:Args:sensitivKeys")]
    [InlineData(Startup.AddGatewayzLogging, """{ "Serilog": { "Using": ["Gatewayz.Logging"], "WriteTo": [ { "Name": "GatewayzSentry", "Args": { "minimumEvntLevel": "Warning" } } ] } }""", "Serilog:WriteTo:0:Args:minimumEvntLevel")]
    [InlineData(Startup.AddGatewayzLogging, """{ "Serilog": { "Using": ["Gatewayz.Logging"], "Enrich": [ { "Name": "WithGatewayzContext", "Args": { "safeKey": ["session"] } } ] } }""", "Serilog:Enrich:0:Args:safeKey")]
    [InlineData(Startup.AddGatewayzLogging, """{ "Serilog": { "Using": ["Gatewayz.Logging"], "WriteTo": [ { "Name": "GatewayzRedacted", "Args": { "configure": [ { "Name": "Console" } ], "sendDefaultPi": true } } ] } }""", "Serilog:WriteTo:0:Args:sendDefaultPi")]
    public void A_misspelled_Args_key_is_a_startup_error_naming_it(Startup startup, string json, string path)
    {
        using var env = EnvironmentVariables.Clean();

        var error = StartupError(startup, json);

        Assert.IsType<ArgumentException>(error);
        Assert.Contains($"Unknown argument '{path.Split(':')[^1]}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"configuration '{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Known arguments: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_Using_under_ReadFrom_Configuration_leaves_only_Serilogs_SelfLog_line_naming_GatewayzSentry()
    {
        using var env = EnvironmentVariables.Clean();
        using var selfLog = new SelfLogRecorder();
        const string json = """{ "Serilog": { "WriteTo": [ { "Name": "GatewayzSentry", "Args": { "dsn": "https://public@o0.ingest.sentry.io/1" } } ] } }""";

        // Serilog.Settings.Configuration never loads Gatewayz.Logging here, so the library cannot speak:
        // Serilog's own SelfLog line is the message. Every JSON example in the README lists the Using.
        using (new LoggerConfiguration().ReadFrom.Configuration(AppSettings.FromJson(json)).CreateLogger())
            Assert.Contains("Unable to find a method called GatewayzSentry", selfLog.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "Serilog": { "WriteTo": [ { "Name": "GatewayzSentry", "Args": { "dsn": "https://public@o0.ingest.sentry.io/1" } } ] } }""", "GatewayzSentry", "Serilog:WriteTo:0:Name")]
    [InlineData("""{ "Serilog": { "Enrich": [ "FromLogContext", "WithGatewayzContext" ] } }""", "WithGatewayzContext", "Serilog:Enrich:1")]
    [InlineData("""{ "Serilog": { "Using": ["Serilog.Sinks.Console"], "WriteTo": [ { "Name": "GatewayzRedacted", "Args": { "configure": [ { "Name": "Console" } ] } } ] } }""", "GatewayzRedacted", "Serilog:WriteTo:0:Name")]
    public void A_missing_Using_is_a_startup_error_of_AddGatewayzLogging_naming_it(string json, string method, string path)
    {
        using var env = EnvironmentVariables.Clean();

        // Without the check, the section's GatewayzSentry or WithGatewayzContext would be left out with one
        // SelfLog line, and the one-liner, seeing them declared, would not add its own: no Sentry, no redaction.
        var error = StartupError(Startup.AddGatewayzLogging, json);

        Assert.IsType<ArgumentException>(error);
        Assert.Contains($"uses {method} (configuration '{path}')", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Serilog:Using' does not list \"Gatewayz.Logging\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("Add \"Using\": [\"Gatewayz.Logging\"]", error.Message, StringComparison.Ordinal);
    }
}
