using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Gatewayz.Logging.Configuration;

/// <summary>
/// A read-only configuration section whose children are given: the app's own sections, some left out
/// (the <c>Sentry</c> keys the library applies itself) or added (<see cref="SerilogSectionView"/>).
/// Its reload token is its source's.
/// </summary>
sealed class FixedSection(string path, string? value, IReadOnlyList<IConfigurationSection> children, IConfiguration tokens) : IConfigurationSection
{
    public string Key => ConfigurationPath.GetSectionKey(path);
    public string Path => path;

    public string? Value
    {
        get => value;
        set => throw new NotSupportedException("A configuration section as the library reads it is read-only.");
    }

    public string? this[string key]
    {
        get => GetSection(key).Value;
        set => throw new NotSupportedException("A configuration section as the library reads it is read-only.");
    }

    public IConfigurationSection GetSection(string key)
    {
        var parts = key.Split(ConfigurationPath.KeyDelimiter, 2);
        var child = children.FirstOrDefault(c => string.Equals(c.Key, parts[0], StringComparison.OrdinalIgnoreCase))
            ?? new FixedSection(ConfigurationPath.Combine(path, parts[0]), null, [], tokens);
        return parts.Length == 1 ? child : child.GetSection(parts[1]);
    }

    public IEnumerable<IConfigurationSection> GetChildren() => children;

    public IChangeToken GetReloadToken() => tokens.GetReloadToken();
}
