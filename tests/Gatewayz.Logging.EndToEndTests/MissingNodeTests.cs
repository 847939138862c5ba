using Gatewayz.Logging.EndToEndTests.Support;

namespace Gatewayz.Logging.EndToEndTests;

/// <summary>Without Node.js or npm the end-to-end tests fail, saying what to install; they never skip.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class MissingNodeTests
{
    [Theory]
    [InlineData("node")]
    [InlineData("npm")]
    public async Task Without_node_or_npm_on_PATH_starting_Spotlight_fails_saying_what_to_install(string missing)
    {
        var original = Environment.GetEnvironmentVariable("PATH");
        var path = Directory.CreateTempSubdirectory("spotlight-path-");
        try
        {
            if (missing == "npm")
            {
                // A PATH that has node and nothing else.
                var node = original!.Split(Path.PathSeparator).Select(d => Path.Combine(d, "node")).First(File.Exists);
                File.CreateSymbolicLink(Path.Combine(path.FullName, "node"), node);
            }
            Environment.SetEnvironmentVariable("PATH", path.FullName);

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SpotlightSidecar.StartAsync());

            Assert.Contains($"'{missing}' is not on PATH", error.Message, StringComparison.Ordinal);
            Assert.Contains("Install Node.js 20 or newer together with npm", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", original);
            path.Delete(recursive: true);
        }
    }
}
