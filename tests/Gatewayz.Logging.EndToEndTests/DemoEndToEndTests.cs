using System.Text.Json;
using System.Text.RegularExpressions;
using Gatewayz.Logging.EndToEndTests.Support;
using Gatewayz.Logging.Tests.Support;

namespace Gatewayz.Logging.EndToEndTests;

/// <summary>
/// The README's first command, the demo, run as its own process with <c>SENTRY_DSN</c> pointing at
/// Spotlight: every event it prints arrives, with the tags and contexts it printed.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class DemoEndToEndTests(GatewayFixture fixture)
{
    [GeneratedRegex(@"→ Sentry event ([0-9a-f]{32})")]
    private static partial Regex PrintedEventId();

    [Fact]
    public async Task The_demo_sends_every_scenario_to_a_real_receiver()
    {
        var output = RunDemo(fixture.Spotlight.Dsn);

        var ids = PrintedEventId().Matches(output).Select(m => m.Groups[1].Value).ToArray();
        Assert.True(ids.Length == 10, $"Expected 10 printed event ids:\n{output}");
        var events = await fixture.Spotlight.WaitForEventsAsync(e => ids.Contains(SpotlightSidecar.EventIdOf(e)), ids.Length, TimeSpan.FromSeconds(30));

        Assert.Equal(ids.Order(), events.Select(e => SpotlightSidecar.EventIdOf(e)!).Order());
        Assert.All(events, e => Assert.Equal("demo", Json.String(e, "environment")));
        Assert.Contains(events, e => Json.Tag(e, "provider") == "openrouter" && Json.String(e, "contexts", "upstream", "status") == "502");
        Assert.Contains(events, e => Json.Tag(e, "table") == "users" && Json.Tag(e, "operation") == "insert");
        Assert.Contains(events, e => Json.Tag(e, "provider") == "stripe" && Json.String(e, "user", "id") == "4217");
        Assert.Contains(events, e => Json.Tag(e, "cache_type") == "redis" && Json.String(e, "level") == "warning");
        Assert.Contains(events, e => Json.Tag(e, "code.function") == "ReconcileCredits" && Json.String(e, "contexts", "background_task", "job") == "reconcile_credits");
        Assert.Contains(events, e => Json.String(e, "level") == "fatal" && Json.Tag(e, "critical") == "true");
        Assert.DoesNotContain(events, e => e.GetRawText().Contains("gw_live_4f8a2c91", StringComparison.Ordinal));

        // Sentry's Logs (EnableLogs in the demo's appsettings.json): printed beside the events, and received.
        Assert.Contains("→ Sentry log line [error] Database insert on users failed", output, StringComparison.Ordinal);
        var lines = await LogLinesAsync(l => Json.String(l, "body") == "Database insert on users failed");
        Assert.All(lines, l => Assert.Equal("demo", Json.String(l, "attributes", "sentry.environment", "value")));
        Assert.DoesNotContain(fixture.Spotlight.ItemsOfType("log"), l => l.GetRawText().Contains("gw_live_4f8a2c91", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_dsn_the_demo_and_the_library_agree_on_where_events_go()
    {
        var output = RunDemo(dsn: null);

        var lines = output.Split('\n').Select(l => l.Trim()).ToList();
        var demoLine = lines.FindIndex(l => l.StartsWith("Gatewayz.Logging demo:", StringComparison.Ordinal));
        var libraryLine = lines.FindIndex(l => l.Contains("Sentry is on", StringComparison.Ordinal));
        // The demo says first that it starts the SDK itself; the library's line then names that SDK.
        Assert.True(demoLine >= 0 && libraryLine > demoLine, output);
        Assert.Contains("starts the Sentry SDK itself", lines[demoLine], StringComparison.Ordinal);
        Assert.Contains("the Sentry SDK the app initialised", lines[libraryLine], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains("Sentry is off", StringComparison.Ordinal));
        Assert.Equal(10, PrintedEventId().Matches(output).Count);
    }

    /// <summary>The log lines Spotlight holds that match, waiting up to 20 seconds for the first.</summary>
    async Task<JsonElement[]> LogLinesAsync(Func<JsonElement, bool> match)
    {
        for (var waited = 0; ; waited++)
        {
            var lines = fixture.Spotlight.ItemsOfType("log").SelectMany(i => i.GetProperty("items").EnumerateArray()).Where(match).ToArray();
            if (lines.Length > 0 || waited == 80)
            {
                Assert.NotEmpty(lines);
                return lines;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    static string RunDemo(string? dsn)
    {
        var demo = DemoAssembly();
        var (exitCode, output) = DotnetCli.Run(Path.GetDirectoryName(demo)!, TimeSpan.FromMinutes(2), environment =>
        {
            foreach (var name in environment.Keys.Where(k => k.StartsWith("SENTRY_", StringComparison.Ordinal)).ToList())
                environment.Remove(name);
            if (dsn is not null)
                environment["SENTRY_DSN"] = dsn;
        }, demo);
        Assert.True(exitCode == 0, $"The demo exited with {exitCode}:\n{output}");
        return output;
    }

    /// <summary>The demo as built beside this test assembly: samples/Gatewayz.Logging.Demo/bin/&lt;configuration&gt;/net10.0.</summary>
    static string DemoAssembly()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = SpotlightSidecar.LocateSpotlightDirectory();
        var repository = Path.GetFullPath(Path.Combine(root, "..", "..", ".."));
        var path = Path.Combine(repository, "samples", "Gatewayz.Logging.Demo", "bin", configuration, framework, "Gatewayz.Logging.Demo.dll");
        Assert.True(File.Exists(path), $"The demo is not built at {path}");
        return path;
    }
}
