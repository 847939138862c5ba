using Microsoft.Extensions.Configuration;

namespace Gatewayz.Logging.Hosting;

/// <summary>What the app's <c>Serilog</c> section already declares, so the hosting one-liner adds nothing twice.</summary>
static class SerilogSection
{
    public const string Name = "Serilog";

    public static bool HasSinks(IConfiguration configuration) =>
        configuration.GetSection($"{Name}:WriteTo").Exists();

    /// <summary>True when <c>Serilog:{part}</c> lists <paramref name="method"/>, as a plain name or as an object's <c>Name</c>.</summary>
    public static bool Declares(IConfiguration configuration, string part, string method) =>
        configuration.GetSection($"{Name}:{part}").GetChildren().Any(entry =>
            string.Equals(entry.Value ?? entry["Name"], method, StringComparison.OrdinalIgnoreCase));
}
