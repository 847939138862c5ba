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
    }

    static string RunDemo(string dsn)
    {
        var demo = DemoAssembly();
        var (exitCode, output) = DotnetCli.Run(Path.GetDirectoryName(demo)!, TimeSpan.FromMinutes(2), environment =>
        {
            foreach (var name in environment.Keys.Where(k => k.StartsWith("SENTRY_", StringComparison.Ordinal)).ToList())
                environment.Remove(name);
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
