using Gatewayz.Logging.EndToEndTests.Support;
using Gatewayz.Logging.Tests.Support;

namespace Gatewayz.Logging.EndToEndTests;

/// <summary>
/// The README's console quick start, built as a new console project against the library, and run
/// without its last line (<c>Log.CloseAndFlush()</c>), as a newcomer's app that forgets it: its errors
/// still reach a real receiver, within the shutdown timeout of the SDK the sink initialised.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ConsoleQuickStartTests(GatewayFixture fixture) : IDisposable
{
    readonly string _work = Directory.CreateTempSubdirectory("gatewayz-console-").FullName;

    [Fact]
    public async Task A_console_app_that_ends_without_CloseAndFlush_still_delivers_its_errors()
    {
        var repository = Repository();
        var readme = File.ReadAllText(Path.Combine(repository, "README.md"));
        var block = Block(readme, "<!-- console-quick-start");
        Assert.Contains("Log.CloseAndFlush();", block, StringComparison.Ordinal);
        var forgetful = string.Join('\n', block.Split('\n').Where(l => !l.Contains("Log.CloseAndFlush()", StringComparison.Ordinal)))
            // Two more errors, so that more than the first one is at stake when the process ends.
            + "\nLog.Error(new InvalidOperationException(\"Credits ledger locked\"), \"Deducting credits failed\");"
            + "\nLog.Fatal(new OutOfMemoryException(\"Prompt cache full\"), \"Prompt cache exhausted\");\n";

        File.WriteAllText(Path.Combine(_work, "Forgetful.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{Path.Combine(repository, "src", "Gatewayz.Logging", "Gatewayz.Logging.csproj")}" />
                <PackageReference Include="Serilog.Sinks.Console" Version="6.1.1" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_work, "Program.cs"), forgetful);
        // The repository's central package versions and build settings stay out of this new project.
        File.WriteAllText(Path.Combine(_work, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(_work, "Directory.Packages.props"), "<Project />");

        var (buildCode, buildOutput) = DotnetCli.Run(_work, TimeSpan.FromMinutes(4), "build", "-c", "Debug");
        Assert.True(buildCode == 0, $"The console quick start did not build:\n{buildOutput}");
        var (runCode, output) = DotnetCli.Run(_work, TimeSpan.FromMinutes(1), environment =>
        {
            foreach (var name in environment.Keys.Where(k => k.StartsWith("SENTRY_", StringComparison.Ordinal)).ToList())
                environment.Remove(name);
            environment["SENTRY_DSN"] = fixture.Spotlight.Dsn;
        }, Path.Combine(_work, "bin", "Debug", "net10.0", "Forgetful.dll"));
        Assert.True(runCode == 0, $"The console app exited with {runCode}:\n{output}");

        string[] messages = ["Cache read failed for models:list", "Deducting credits failed", "Prompt cache exhausted"];
        var events = await fixture.Spotlight.WaitForEventsAsync(e => messages.Contains(Json.String(e, "logentry", "formatted")), 3, TimeSpan.FromSeconds(20));
        Assert.Equal(messages.Order(), events.Select(e => Json.String(e, "logentry", "formatted")!).Order());
    }

    static string Block(string markdown, string marker)
    {
        var start = markdown.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README marker {marker} not found");
        var open = markdown.IndexOf("```csharp", start, StringComparison.Ordinal);
        var bodyStart = markdown.IndexOf('\n', open) + 1;
        return markdown[bodyStart..markdown.IndexOf("```", bodyStart, StringComparison.Ordinal)];
    }

    static string Repository() =>
        Path.GetFullPath(Path.Combine(SpotlightSidecar.LocateSpotlightDirectory(), "..", "..", ".."));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
