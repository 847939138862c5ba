using Microsoft.Extensions.Configuration;

namespace Gatewayz.Logging.Configuration;

/// <summary>
/// Serilog.Settings.Configuration drops <c>Args</c> keys that match no parameter. A misspelled
/// <c>"minimumEvntLevel"</c> would then leave the default in place without a word; this finds the
/// method's entries in the app's configuration and rejects keys it does not know.
/// </summary>
static class SinkArgumentsCheck
{
    public static void RejectUnknownArguments(IConfiguration configuration, string methodName, IReadOnlyCollection<string> known)
    {
        foreach (var entry in FindEntries(configuration, methodName, depth: 0))
        {
            foreach (var argument in entry.GetSection("Args").GetChildren())
            {
                if (!known.Contains(argument.Key, StringComparer.OrdinalIgnoreCase))
                {
                    throw new ArgumentException(
                        $"Unknown argument '{argument.Key}' for {methodName} at configuration '{argument.Path}'. Known arguments: {string.Join(", ", known)}.",
                        argument.Path);
                }
            }
        }
    }

    static IEnumerable<IConfigurationSection> FindEntries(IConfiguration section, string methodName, int depth)
    {
        if (depth > 8)
            yield break;
        foreach (var child in section.GetChildren())
        {
            if (string.Equals(child.Key, "WriteTo", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var entry in child.GetChildren())
                {
                    if (string.Equals(entry["Name"], methodName, StringComparison.OrdinalIgnoreCase))
                        yield return entry;
                }
            }
            foreach (var nested in FindEntries(child, methodName, depth + 1))
                yield return nested;
        }
    }
}
