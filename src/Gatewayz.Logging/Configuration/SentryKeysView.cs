using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Gatewayz.Logging.Configuration;

/// <summary>
/// A configuration section with some of its children hidden: the <c>Sentry</c> section as the
/// configuration binder should see it when it fills <c>SentryOptions</c>, without the keys the
/// library reads and applies itself.
/// </summary>
sealed class SentryKeysView(IConfigurationSection section, ISet<string> hidden) : IConfigurationSection
{
    public string Key => section.Key;
    public string Path => section.Path;

    public string? Value
    {
        get => section.Value;
        set => section.Value = value;
    }

    public string? this[string key]
    {
        get => IsHidden(key) ? null : section[key];
        set => section[key] = value;
    }

    public IConfigurationSection GetSection(string key) =>
        section.GetSection(IsHidden(key) ? "\u0001hidden" : key);

    public IEnumerable<IConfigurationSection> GetChildren() => section.GetChildren().Where(c => !hidden.Contains(c.Key));

    public IChangeToken GetReloadToken() => section.GetReloadToken();

    bool IsHidden(string key) => hidden.Contains(key.Split(ConfigurationPath.KeyDelimiter, 2)[0]);
}
