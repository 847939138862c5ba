using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;

namespace Gatewayz.Logging.Configuration;

/// <summary>What the app's <c>Serilog</c> section already declares, so the hosting one-liner adds nothing twice, and whether Serilog can find it.</summary>
static class SerilogSection
{
    public const string Name = "Serilog";

    public const string LibraryAssembly = "Gatewayz.Logging";

    /// <summary>The library's Sentry sink, as the section names it (<c>WriteTo</c>).</summary>
    public const string SentrySink = nameof(GatewayzSentryLoggerConfigurationExtensions.GatewayzSentry);

    /// <summary>The library's redacting wrapper, as the section names it (<c>WriteTo</c>).</summary>
    public const string RedactedSink = nameof(GatewayzRedactedLoggerConfigurationExtensions.GatewayzRedacted);

    /// <summary>The library's enricher, as the section names it (<c>Enrich</c>).</summary>
    public const string ContextEnricher = nameof(GatewayzContextLoggerConfigurationExtensions.WithGatewayzContext);

    /// <summary>The library's sinks and enricher, as the section names them.</summary>
    public static readonly string[] LibraryMethods = [SentrySink, RedactedSink, ContextEnricher];

    public static bool HasSinks(IConfiguration configuration) =>
        configuration.GetSection($"{Name}:WriteTo").Exists();

    /// <summary>True when <c>Serilog:{part}</c> lists <paramref name="method"/>, as a plain name or as an object's <c>Name</c>.</summary>
    public static bool Declares(IConfiguration configuration, string part, string method) =>
        configuration.GetSection($"{Name}:{part}").GetChildren().Any(entry =>
            string.Equals(entry.Value ?? entry["Name"], method, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when <paramref name="method"/> is named anywhere in the section: in <c>WriteTo</c>, or nested in a wrapper or sub-logger.</summary>
    public static bool DeclaresAnywhere(IConfiguration configuration, string method) =>
        Entries(configuration.GetSection(Name), [method]).Any();

    /// <summary>
    /// A section that names the library's sink or enricher without listing it under <c>Using</c> is a
    /// startup error naming the setting: Serilog.Settings.Configuration would leave them out with only a
    /// SelfLog line, and the one-liner, seeing them declared, would not add its own.
    /// </summary>
    public static void RequireUsing(IConfiguration configuration)
    {
        var section = configuration.GetSection(Name);
        if (Entries(section, LibraryMethods).Select(e => e.Value is null ? e.GetSection("Name") : e).FirstOrDefault() is not { } entry)
            return;

        var usings = section.GetSection("Using");
        if ((usings.Value is { } single ? [single] : usings.GetChildren().Select(u => u.Value)).Any(IsLibrary))
            return;

        throw new ArgumentException(
            $"The Serilog section uses {entry.Value} (configuration '{entry.Path}'), but '{usings.Path}' does not list \"{LibraryAssembly}\". " +
            $"Serilog.Settings.Configuration finds only assemblies whose name contains \"serilog\" and would leave {entry.Value} out with nothing but a SelfLog line. " +
            $"Add \"Using\": [\"{LibraryAssembly}\"] to the {Name} section.",
            usings.Path);
    }

    /// <summary>
    /// Checks the levels of <c>Serilog:MinimumLevel</c> (its value, <c>Default</c> and every
    /// <c>Override</c>) before Serilog reads them (<see cref="RequireLevel"/>).
    /// </summary>
    public static void RequireLevels(IConfiguration configuration)
    {
        var minimum = configuration.GetSection($"{Name}:MinimumLevel");
        foreach (var level in new[] { minimum, minimum.GetSection("Default") }.Concat(minimum.GetSection("Override").GetChildren()))
            RequireLevel(level);
    }

    /// <summary>
    /// A Serilog level setting that names no level is an error whose first line names the setting, the
    /// value, the valid names and the nearest of them; Serilog's own lists none. A reference to a
    /// declared level switch (<c>$name</c>) is left to Serilog.
    /// </summary>
    public static void RequireLevel(IConfigurationSection level)
    {
        if (level.Value is not { } value || value.StartsWith('$') || (Enum.TryParse<LogEventLevel>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)))
            return;
        var names = Enum.GetNames<LogEventLevel>();
        var suggestion = NearestName.Find(value, names) is { } nearest ? $" Did you mean '{nearest}'?" : "";
        throw new ArgumentException(
            $"Invalid Serilog setting '{level.Path}' = '{value}': expected {string.Join(", ", names[..^1])} or {names[^1]}.{suggestion}", level.Path);
    }

    /// <summary>
    /// Every entry naming one of <paramref name="methods"/>, at any depth (nested in <c>WriteTo.Async</c>,
    /// a sub-logger, a wrapper's <c>configure</c>): an object whose <c>Name</c> it is, or a plain item of
    /// <c>Enrich</c> or <c>WriteTo</c>.
    /// </summary>
    public static IEnumerable<IConfigurationSection> Entries(IConfigurationSection section, IReadOnlyCollection<string> methods)
    {
        var plainItems = string.Equals(section.Key, "Enrich", StringComparison.OrdinalIgnoreCase)
            || string.Equals(section.Key, "WriteTo", StringComparison.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            var name = plainItems && child.Value is { } item ? item : child["Name"];
            if (name is not null && methods.Contains(name.Trim(), StringComparer.OrdinalIgnoreCase))
                yield return child;
            foreach (var nested in Entries(child, methods))
                yield return nested;
        }
    }

    /// <summary>True when a <c>Using</c> item names the library's assembly, alone or with its version.</summary>
    public static bool IsLibrary(string? assembly) =>
        string.Equals(assembly?.Split(',')[0].Trim(), LibraryAssembly, StringComparison.OrdinalIgnoreCase);
}
