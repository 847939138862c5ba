using System.Reflection;
using Gatewayz.Logging.PackageTests.Docs;
using Gatewayz.Logging.Tests.Support;

namespace Gatewayz.Logging.PackageTests;

/// <summary>
/// Packs the three packages into a local folder, creates fresh projects that reference them by package
/// (not by project), compiles the README's ASP.NET Core quick start and every ```csharp block of README.md
/// and docs/, loads every ```json block as settings under AddGatewayzLogging(), and runs the README's
/// example test: a missing dependency, a wrong package layout or a documented example that no longer
/// works fails here, not for a user.
/// </summary>
public sealed class ConsumerCheckTests : IDisposable
{
    static readonly TimeSpan CliTimeout = TimeSpan.FromMinutes(5);
    const string LeakedKey = "sk-or-v1-0f3c9a7d5b2e4c6a8f1d3b5e7a9c2d4f6b8e0a1c3e5f7a9b";
    readonly string _work = Directory.CreateTempSubdirectory("gatewayz-consumer-").FullName;

    [Fact]
    public void The_packed_packages_work_in_a_fresh_project_using_the_README()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var version = $"0.0.0-consumer.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        var feed = Path.Combine(_work, "feed");

        // CONTRIBUTING's pack command as written, into this test's feed and under a throwaway version.
        var pack = File.ReadAllLines(Path.Combine(root, "CONTRIBUTING.md")).Select(l => l.Split('#')[0].Trim()).Single(l => l.StartsWith("dotnet pack ", StringComparison.Ordinal));
        var packArguments = pack.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..].ToList();
        packArguments[packArguments.IndexOf("-o") + 1] = feed;
        var (packCode, packOutput) = DotnetCli.Run(root, CliTimeout, [.. packArguments, $"-p:Version={version}"]);
        Assert.True(packCode == 0, $"CONTRIBUTING's '{pack}' failed:\n{packOutput}");
        Assert.Equal(3, Directory.GetFiles(feed, "*.nupkg").Length);
        Assert.True(File.Exists(Path.Combine(feed, $"Gatewayz.Logging.{version}.nupkg")));
        Assert.True(File.Exists(Path.Combine(feed, $"Gatewayz.Logging.{version}.snupkg")));
        Assert.True(File.Exists(Path.Combine(feed, $"Gatewayz.Logging.Testing.{version}.nupkg")));
        Assert.True(File.Exists(Path.Combine(feed, $"Gatewayz.Logging.AspNetCore.{version}.nupkg")));

        var consumer = Path.Combine(_work, "consumer");
        Directory.CreateDirectory(Path.Combine(consumer, "App"));
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        // An empty Directory.Build.props stops the repository's own settings from reaching the consumer.
        File.WriteAllText(Path.Combine(consumer, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(consumer, "Directory.Packages.props"), "<Project />");

        File.WriteAllText(Path.Combine(consumer, "App", "App.csproj"), WebProject($"""
                <PackageReference Include="Gatewayz.Logging" Version="{version}" />
                <PackageReference Include="Gatewayz.Logging.AspNetCore" Version="{version}" />
            """));
        // The quick start as pasted into a new web project: nothing beside it.
        File.WriteAllText(Path.Combine(consumer, "App", "Program.cs"), FencedBlockAfter(readme, "<!-- quick-start-aspnetcore", "csharp"));

        // The UseSerilog() quick start as written, run once: it logs an exception that holds a provider
        // key where the app's Run() would be, and what the console printed is read below.
        Directory.CreateDirectory(Path.Combine(consumer, "SerilogExample"));
        File.WriteAllText(Path.Combine(consumer, "SerilogExample", "SerilogExample.csproj"), WebProject($"""
                <PackageReference Include="Gatewayz.Logging" Version="{version}" />
                <PackageReference Include="Serilog.Extensions.Hosting" Version="10.0.0" />
                <PackageReference Include="Serilog.Settings.Configuration" Version="10.0.1" />
                <PackageReference Include="Serilog.Sinks.Console" Version="6.1.1" />
            """));
        var useSerilog = FencedBlockAfter(readme, "<!-- use-serilog-example", "csharp");
        Assert.Contains("builder.Build().Run();", useSerilog, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(consumer, "SerilogExample", "Program.cs"), useSerilog.Replace("builder.Build().Run();", $$"""
            using var app = builder.Build();
            Log.Error(new InvalidOperationException("upstream rejected {{LeakedKey}}"), "Provider request failed");
            Log.CloseAndFlush();
            """, StringComparison.Ordinal));

        var readmeTest = FencedBlockAfter(readme, "<!-- testing-kit-example", "csharp");
        WriteTestProject(Path.Combine(consumer, "Tests"), version, readmeTest, sentryVersion: null);
        // The same test in an app that references the newest Sentry the packages support: NuGet picks
        // that over the packages' own dependency (the oldest), so the packed binaries run on it.
        WriteTestProject(Path.Combine(consumer, "TestsOnSentry7"), version, readmeTest, sentryVersion: "7.0.0");

        var blocks = DocumentedFiles(root).SelectMany(f => FencedBlock.ReadAll(Path.Combine(root, f), f)).ToList();
        var csharp = blocks.Where(b => b.Language == "csharp").ToList();
        var json = blocks.Where(b => b.Language == "json").ToList();
        // The README's blocks are whole programs and files, compiled without the helpers docs/ may lean on.
        var statements = csharp.Where(b => b.File == "README.md" && CSharpBlockSource.Kind(b) == "statements").Select(b => b.Label).ToList();
        Assert.True(statements.Count == 0, $"README blocks must compile as pasted (a '// program' or '// file'), not as statements: {string.Join(", ", statements)}");
        WriteDocsProjects(consumer, version, root, csharp);
        File.WriteAllText(Path.Combine(consumer, "Consumer.slnx"), """
            <Solution>
              <Project Path="App/App.csproj" />
              <Project Path="Docs/Docs.csproj" />
              <Project Path="Readme/Readme.csproj" />
              <Project Path="JsonCheck/JsonCheck.csproj" />
              <Project Path="SerilogExample/SerilogExample.csproj" />
              <Project Path="Tests/Tests.csproj" />
              <Project Path="TestsOnSentry7/TestsOnSentry7.csproj" />
            </Solution>
            """);

        // One build for everything: each `dotnet` run costs a restore and an MSBuild start of its own.
        // A project that fails does not stop the others, so the JSON blocks are checked whatever the C# ones do.
        var (buildCode, buildOutput) = DotnetCli.Run(consumer, CliTimeout, "build", "Consumer.slnx");
        var failures = new List<string>();
        if (buildCode != 0)
            failures.Add(BuildFailure(buildOutput, root, consumer, csharp));
        var checker = Path.Combine(consumer, "JsonCheck", "bin", "Debug", "net10.0", "JsonCheck.dll");
        if (File.Exists(checker))
            failures.AddRange(JsonBlockFailures(checker, json));
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));

        var example = Path.Combine(consumer, "SerilogExample", "bin", "Debug", "net10.0");
        var (exampleCode, printed) = DotnetCli.Run(example, CliTimeout, NoSentryEgress, Path.Combine(example, "SerilogExample.dll"));
        Assert.True(exampleCode == 0, $"The README's UseSerilog() example did not run:\n{printed}");
        Assert.Contains("upstream rejected sk-or-v1[Filtered]", printed, StringComparison.Ordinal);
        Assert.DoesNotContain(LeakedKey[9..], printed, StringComparison.Ordinal);

        RunTests(Path.Combine(consumer, "Tests"), expectedSentry: new Version(6, 13, 0, 0));
        RunTests(Path.Combine(consumer, "TestsOnSentry7"), expectedSentry: new Version(7, 0, 0, 0));
    }

    /// <summary>
    /// The markdown files whose blocks are checked: README.md and docs/*.md except the generated
    /// benchmarks page, and a fixture with one block of each kind, so the harness itself is exercised.
    /// </summary>
    static IEnumerable<string> DocumentedFiles(string root) =>
        new[] { "README.md", "tests/Gatewayz.Logging.PackageTests/Fixtures/blocks.md" }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Select(f => "docs/" + Path.GetFileName(f)).Where(f => f != "docs/benchmarks.md").Order(StringComparer.Ordinal));

    /// <summary>
    /// Docs compiles every C# block (each a file of its own, see <see cref="CSharpBlockSource"/>) against
    /// the three packages and those the conventions name; JsonCheck loads a JSON block as settings.
    /// </summary>
    static void WriteDocsProjects(string consumer, string version, string root, IEnumerable<FencedBlock> csharp)
    {
        var packages = $"""
                <FrameworkReference Include="Microsoft.AspNetCore.App" />
                <PackageReference Include="Gatewayz.Logging" Version="{version}" />
                <PackageReference Include="Gatewayz.Logging.AspNetCore" Version="{version}" />
                <PackageReference Include="Sentry.AspNetCore" Version="6.13.0" />
                <PackageReference Include="Serilog.Extensions.Hosting" Version="10.0.0" />
                <PackageReference Include="Serilog.Settings.Configuration" Version="10.0.1" />
                <PackageReference Include="Serilog.Sinks.Console" Version="6.1.1" />
            """;
        WriteProject(Path.Combine(consumer, "Docs"), "Library", packages + $"""

                <PackageReference Include="Gatewayz.Logging.Testing" Version="{version}" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
            """);
        WriteProject(Path.Combine(consumer, "Readme"), "Library", packages + $"""

                <PackageReference Include="Gatewayz.Logging.Testing" Version="{version}" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
            """);
        WriteProject(Path.Combine(consumer, "JsonCheck"), "Exe", packages);

        foreach (var block in csharp)
        {
            var blocks = Path.Combine(consumer, block.File == "README.md" ? "Readme" : "Docs", "Blocks");
            Directory.CreateDirectory(blocks);
            File.WriteAllText(Path.Combine(blocks, block.Identifier + ".cs"), CSharpBlockSource.For(block));
        }

        void WriteProject(string directory, string outputType, string references)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, Path.GetFileName(directory) + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <OutputType>{outputType}</OutputType>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <IsPackable>false</IsPackable>
                  </PropertyGroup>
                  <ItemGroup>
                {references}
                  </ItemGroup>
                </Project>
                """);
            var shared = Path.Combine(root, "tests", "Gatewayz.Logging.PackageTests", "Consumer", Path.GetFileName(directory));
            foreach (var file in Directory.Exists(shared) ? Directory.GetFiles(shared) : [])
                File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }
    }

    /// <summary>The build's errors, each with the block it comes from (file and fence line).</summary>
    static string BuildFailure(string output, string root, string consumer, IReadOnlyList<FencedBlock> csharp)
    {
        var errors = output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().ToList();
        if (errors.Count == 0)
            return $"The consumer projects did not build:\n{output}";
        var report = new List<string>();
        foreach (var error in errors)
        {
            var line = error.Replace(consumer + Path.DirectorySeparatorChar, "", StringComparison.Ordinal).Replace(root + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);
            // `#line` maps a block's lines to its markdown file: README.md(41,5): error ...
            var mapped = csharp.FirstOrDefault(b => Located(line, b.File) is { } at && at >= b.FirstLine && at < b.FirstLine + b.Text.Split('\n').Length)
                // The lines the wrapper adds keep the generated file's name: Docs/Blocks/Block_README_md_L38.cs
                ?? csharp.FirstOrDefault(b => line.Contains($"{b.Identifier}.cs", StringComparison.Ordinal));
            report.Add(mapped is null ? line
                : $"{mapped.Label} ({CSharpBlockSource.Kind(mapped)} block starting at line {mapped.FenceLine}): {line}");
        }
        return $"The consumer projects did not build against the packed packages (App = README quick start, Readme = README's ```csharp blocks, Docs = those of docs/, Tests = README example test):\n{string.Join('\n', report)}";
    }

    static int? Located(string error, string file) =>
        error.StartsWith(file + "(", StringComparison.Ordinal) && int.TryParse(error[(file.Length + 1)..].Split(',', ')')[0], out var line) ? line : null;

    /// <summary>Runs JsonCheck on each ```json block, each in a process of its own (the SDK is static).</summary>
    static IEnumerable<string> JsonBlockFailures(string checker, IReadOnlyList<FencedBlock> json)
    {
        var directory = Path.GetDirectoryName(checker)!;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.ForEach(json, new ParallelOptions { MaxDegreeOfParallelism = 2 }, block =>
        {
            var path = Path.Combine(directory, block.Identifier + ".json");
            File.WriteAllText(path, block.Text);
            var (code, output) = DotnetCli.Run(directory, CliTimeout, NoSentryEgress, checker, path);
            if (code != 0)
                failures.Add($"{block.Label} (```json block starting at line {block.FenceLine}) did not load cleanly under AddGatewayzLogging():\n{output.Trim()}");
        });
        return failures.Order(StringComparer.Ordinal);
    }

    /// <summary>No SENTRY_* variable from the machine, and any request to Sentry goes to a closed port.</summary>
    static void NoSentryEgress(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.Where(k => k.StartsWith("SENTRY_", StringComparison.OrdinalIgnoreCase)).ToList())
            environment.Remove(name);
        environment.Remove("NO_PROXY");
        environment.Remove("no_proxy");
        environment["HTTPS_PROXY"] = environment["HTTP_PROXY"] = "http://127.0.0.1:9";
    }

    /// <summary>An ASP.NET Core app project with warnings as errors and the given references.</summary>
    static string WebProject(string references) => $"""
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
          <ItemGroup>
        {references}
          </ItemGroup>
        </Project>
        """;

    static void WriteTestProject(string directory, string version, string test, string? sentryVersion)
    {
        Directory.CreateDirectory(directory);
        var sentry = sentryVersion is null ? "" : $"""<PackageReference Include="Sentry" Version="{sentryVersion}" />""";
        File.WriteAllText(Path.Combine(directory, Path.GetFileName(directory) + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <IsPackable>false</IsPackable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Gatewayz.Logging.Testing" Version="{version}" />
                {sentry}
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "ReadmeExample.cs"), test);
    }

    static void RunTests(string directory, Version expectedSentry)
    {
        var (testCode, testOutput) = DotnetCli.Run(directory, CliTimeout, "test", "--no-build");
        Assert.True(testCode == 0, $"The README's example test did not pass against the packages (Sentry {expectedSentry}):\n{testOutput}");
        Assert.Contains("Passed!", testOutput, StringComparison.Ordinal);

        var sentry = Path.Combine(directory, "bin", "Debug", "net10.0", "Sentry.dll");
        Assert.Equal(expectedSentry, AssemblyName.GetAssemblyName(sentry).Version);
    }

    static string FencedBlockAfter(string markdown, string marker, string language)
    {
        var start = markdown.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README marker {marker} not found");
        var open = markdown.IndexOf("```" + language, start, StringComparison.Ordinal);
        var bodyStart = markdown.IndexOf('\n', open) + 1;
        return markdown[bodyStart..markdown.IndexOf("```", bodyStart, StringComparison.Ordinal)];
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gatewayz.Logging.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Gatewayz.Logging.sln not found");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
        // The packages are in the user's NuGet cache under a throwaway version; remove them.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "gatewayz.logging", "gatewayz.logging.aspnetcore", "gatewayz.logging.testing" })
        {
            var packageDir = Path.Combine(cache, id);
            if (!Directory.Exists(packageDir))
                continue;
            foreach (var versionDir in Directory.GetDirectories(packageDir, "0.0.0-consumer.*"))
            {
                try
                {
                    Directory.Delete(versionDir, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }
}
