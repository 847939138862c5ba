using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Serilog;
using Serilog.Context;

namespace Gatewayz.Logging.Tests;

/// <summary>What the README tells users holds.</summary>
[Collection(SentrySdkCollection.Name)]
public sealed class ReadmeTests
{
    [Fact]
    public void The_appsettings_example_configures_the_pipeline_and_SelfLog_stays_empty()
    {
        var json = Repository.FencedBlockAfter(Repository.ReadAllText("README.md"), "<!-- appsettings-example", "json");
        using var env = EnvironmentVariables.Clean();
        using var selfLog = new SelfLogRecorder();
        using var stdout = new StandardOutput();
        using var sentry = SentryCapture.Start();

        using (var logger = new LoggerConfiguration().ReadFrom.Configuration(AppSettings.FromJson(json)).CreateLogger())
        using (LogContext.PushProperty("provider", "openrouter"))
        using (LogContext.PushProperty("region", "eu-west-1"))
        {
            logger.Information("Routing");
            logger.Error("Provider request failed");
        }

        var evt = sentry.Events.Single();
        Assert.Equal("openrouter", evt.Tags["provider"]);
        Assert.Equal("eu-west-1", evt.Tags["region"]);
        Assert.Equal("production", evt.Environment);
        Assert.Equal("Routing", evt.Breadcrumbs.Single().Message);
        Assert.Contains("Provider request failed", stdout.Text, StringComparison.Ordinal);
        Assert.Equal("", selfLog.Text);
    }

    [Fact]
    public void CI_runs_exactly_the_test_command_the_README_gives()
    {
        var readmeCommand = Repository.FencedBlockAfter(Repository.ReadAllText("README.md"), "<!-- test-command", "sh").Trim();
        var ciScript = Repository.ReadAllText(".ci/run").Split('\n').Select(l => l.Trim());

        Assert.Equal("dotnet test Gatewayz.Logging.sln", readmeCommand);
        Assert.Contains(readmeCommand, ciScript);
    }
}
