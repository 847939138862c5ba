using System.Reflection;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;

namespace Gatewayz.Logging.Configuration;

/// <summary>
/// Rejects, naming the setting, the <c>Args</c> keys that the library's sinks and enricher do not know
/// and level arguments that name no level, in every <c>WriteTo</c> or <c>Enrich</c> list of the app's
/// configuration: Serilog.Settings.Configuration drops unknown keys, so a misspelled
/// <c>"minimumEvntLevel"</c> would leave the default in place without a word.
/// </summary>
static class SinkArgumentsCheck
{
    static readonly (string Part, string Method, Dictionary<string, Type> Parameters)[] Methods =
    [
        ("WriteTo", SerilogSection.SentrySink, Parameters(typeof(GatewayzSentryLoggerConfigurationExtensions))),
        ("WriteTo", SerilogSection.RedactedSink, Parameters(typeof(GatewayzRedactedLoggerConfigurationExtensions))),
        ("Enrich", SerilogSection.ContextEnricher, Parameters(typeof(GatewayzContextLoggerConfigurationExtensions))),
    ];

    public static void RejectUnknownArguments(IConfiguration configuration)
    {
        foreach (var (part, method, parameters) in Methods)
        {
            foreach (var entry in FindEntries(configuration, part, method, depth: 0))
            {
                foreach (var argument in entry.GetSection("Args").GetChildren())
                {
                    if (!parameters.TryGetValue(argument.Key, out var type))
                    {
                        throw new ArgumentException(
                            $"Unknown argument '{argument.Key}' for {method} at configuration '{argument.Path}'. Known arguments: {string.Join(", ", parameters.Keys)}.",
                            argument.Path);
                    }
                    // Serilog.Settings.Configuration would say only "Requested value 'Loud' was not found."
                    if (type == typeof(LogEventLevel))
                        SerilogSection.RequireLevel(argument);
                }
            }
        }
    }

    /// <summary>The parameters appsettings.json can set: all but the one extended, and those only code can pass.</summary>
    static Dictionary<string, Type> Parameters(Type extensions)
    {
        var parameters = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        foreach (var method in extensions.GetMethods(BindingFlags.Public | BindingFlags.Static))
        {
            foreach (var parameter in method.GetParameters().Skip(1))
            {
                if (parameter.ParameterType != typeof(IConfiguration) && parameter.ParameterType != typeof(Action<GatewayzSentryOptions>))
                    parameters.TryAdd(parameter.Name!, parameter.ParameterType);
            }
        }
        return parameters;
    }

    /// <summary>The objects named <paramref name="methodName"/> in a <paramref name="part"/> list of any section, not only <c>Serilog</c>.</summary>
    static IEnumerable<IConfigurationSection> FindEntries(IConfiguration section, string part, string methodName, int depth)
    {
        if (depth > 8)
            yield break;
        foreach (var child in section.GetChildren())
        {
            if (string.Equals(child.Key, part, StringComparison.OrdinalIgnoreCase))
            {
                foreach (var entry in child.GetChildren())
                {
                    if (string.Equals(entry["Name"], methodName, StringComparison.OrdinalIgnoreCase))
                        yield return entry;
                }
            }
            foreach (var nested in FindEntries(child, part, methodName, depth + 1))
                yield return nested;
        }
    }
}
