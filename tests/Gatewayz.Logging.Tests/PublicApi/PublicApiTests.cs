using System.Reflection;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using PublicApiGenerator;

namespace Gatewayz.Logging.Tests.PublicApi;

/// <summary>
/// The public surface of both packages does not drift by accident: it is compared with the approved
/// text kept beside this file. A change to the surface must change the approved file with it.
/// </summary>
public sealed class PublicApiTests
{
    [Theory]
    [InlineData("Gatewayz.Logging")]
    [InlineData("Gatewayz.Logging.Testing")]
    [InlineData("Gatewayz.Logging.AspNetCore")]
    public void The_public_api_matches_the_approved_file(string assemblyName)
    {
        var assembly = assemblyName switch
        {
            "Gatewayz.Logging" => typeof(GatewayzSentryOptions).Assembly,
            "Gatewayz.Logging.Testing" => typeof(SentryCapture).Assembly,
            _ => typeof(Microsoft.AspNetCore.Builder.GatewayzRequestContextApplicationBuilderExtensions).Assembly,
        };
        var actual = Normalize(assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            // Extension classes live in Microsoft.* namespaces (hosting, ASP.NET Core); the generator skips those unless told.
            AllowNamespacePrefixes = ["Microsoft"],
            ExcludeAttributes =
            [
                "System.Runtime.CompilerServices.InternalsVisibleToAttribute",
                "System.Runtime.Versioning.TargetFrameworkAttribute",
                "System.Reflection.AssemblyMetadataAttribute",
            ],
        }));

        Assert.Contains("public ", actual, StringComparison.Ordinal);
        var directory = Path.Combine(Repository.Root, "tests", "Gatewayz.Logging.Tests", "PublicApi");
        var approvedPath = Path.Combine(directory, $"{assemblyName}.approved.txt");
        var receivedPath = Path.Combine(directory, $"{assemblyName}.received.txt");
        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : "";

        if (approved == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        var firstDifference = approved.Zip(actual).TakeWhile(p => p.First == p.Second).Count();
        Assert.Fail(
            $"The public API of {assemblyName} changed. If the change is intended, replace {approvedPath} with {receivedPath}. " +
            $"First difference near: …{Excerpt(actual, firstDifference)}…");
    }

    static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() + "\n";

    static string Excerpt(string text, int at) => text.Substring(Math.Max(0, at - 80), Math.Min(160, text.Length - Math.Max(0, at - 80)));
}
