using System.Reflection;
using Gatewayz.Logging.Tests.Support;

namespace Gatewayz.Logging.PackageTests;

/// <summary>
/// Packs both packages into a local folder, creates fresh projects that reference them by package
/// (not by project), compiles the README's ASP.NET Core quick start, and runs the README's example
/// test: a missing dependency or a wrong package layout fails here, not for a user.
/// </summary>
public sealed class ConsumerCheckTests : IDisposable
{
    static readonly TimeSpan CliTimeout = TimeSpan.FromMinutes(5);
    readonly string _work = Directory.CreateTempSubdirectory("gatewayz-consumer-").FullName;

    [Fact]
    public void The_packed_packages_work_in_a_fresh_project_using_the_README()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var version = $"0.0.0-consumer.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        var feed = Path.Combine(_work, "feed");

        foreach (var project in new[] { "src/Gatewayz.Logging/Gatewayz.Logging.csproj", "src/Gatewayz.Logging.AspNetCore/Gatewayz.Logging.AspNetCore.csproj", "src/Gatewayz.Logging.Testing/Gatewayz.Logging.Testing.csproj" })
        {
            var (code, output) = DotnetCli.Run(root, CliTimeout, "pack", project, "-c", "Release", "-o", feed, $"-p:Version={version}");
            Assert.True(code == 0, $"dotnet pack {project} failed:\n{output}");
        }
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

        File.WriteAllText(Path.Combine(consumer, "App", "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Gatewayz.Logging" Version="{version}" />
                <PackageReference Include="Gatewayz.Logging.AspNetCore" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "App", "Program.cs"), FencedBlockAfter(readme, "<!-- quick-start-aspnetcore", "csharp"));
        File.WriteAllText(Path.Combine(consumer, "App", "Stubs.cs"), """
            public sealed record ChatRequest(string Model);
            public sealed class ProviderClient
            {
                public Task<string> CompleteAsync(ChatRequest request) => Task.FromResult(request.Model);
            }
            """);

        var readmeTest = FencedBlockAfter(readme, "<!-- testing-kit-example", "csharp");
        WriteTestProject(Path.Combine(consumer, "Tests"), version, readmeTest, sentryVersion: null);
        // The same test in an app that references the newest Sentry the packages support: NuGet picks
        // that over the packages' own dependency (the oldest), so the packed binaries run on it.
        WriteTestProject(Path.Combine(consumer, "TestsOnSentry7"), version, readmeTest, sentryVersion: "7.0.0");

        var (buildCode, buildOutput) = DotnetCli.Run(Path.Combine(consumer, "App"), CliTimeout, "build");
        Assert.True(buildCode == 0, $"The README's quick start did not build against the packages:\n{buildOutput}");

        RunTests(Path.Combine(consumer, "Tests"), expectedSentry: new Version(6, 12, 1, 0));
        RunTests(Path.Combine(consumer, "TestsOnSentry7"), expectedSentry: new Version(7, 0, 0, 0));
    }

    static void WriteTestProject(string directory, string version, string test, string? sentryVersion)
    {
        Directory.CreateDirectory(directory);
        var sentry = sentryVersion is null ? "" : $"""<PackageReference Include="Sentry" Version="{sentryVersion}" />""";
        File.WriteAllText(Path.Combine(directory, "Tests.csproj"), $"""
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
        var (testCode, testOutput) = DotnetCli.Run(directory, CliTimeout, "test");
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
