using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Gatewayz.Logging.Hosting;

/// <summary>
/// The app's configuration with some children of one section hidden, so that Serilog's settings
/// reader can read the <c>Serilog</c> section in two parts: the sinks, to be wrapped for redaction,
/// and everything else. A view, not a copy: reload tokens still reach the reader.
/// </summary>
sealed class ConfigurationView(IConfiguration inner, string sectionName, Func<string, bool> keepChild) : IConfiguration
{
    public string? this[string key]
    {
        get => inner[key];
        set => inner[key] = value;
    }

    public IConfigurationSection GetSection(string key) =>
        string.Equals(key, sectionName, StringComparison.OrdinalIgnoreCase)
            ? new FilteredSection(inner.GetSection(key), keepChild)
            : inner.GetSection(key);

    public IEnumerable<IConfigurationSection> GetChildren() =>
        inner.GetChildren().Select(c => string.Equals(c.Key, sectionName, StringComparison.OrdinalIgnoreCase) ? new FilteredSection(c, keepChild) : c);

    public IChangeToken GetReloadToken() => inner.GetReloadToken();

    sealed class FilteredSection(IConfigurationSection section, Func<string, bool> keepChild) : IConfigurationSection
    {
        const string Hidden = "\u0001hidden";

        public string Key => section.Key;
        public string Path => section.Path;

        public string? Value
        {
            get => section.Value;
            set => section.Value = value;
        }

        public string? this[string key]
        {
            get => keepChild(FirstSegment(key)) ? section[key] : null;
            set => section[key] = value;
        }

        public IConfigurationSection GetSection(string key) => section.GetSection(keepChild(FirstSegment(key)) ? key : Hidden);

        public IEnumerable<IConfigurationSection> GetChildren() => section.GetChildren().Where(c => keepChild(c.Key));

        public IChangeToken GetReloadToken() => section.GetReloadToken();

        static string FirstSegment(string key) => key.Split(ConfigurationPath.KeyDelimiter, 2)[0];
    }
}
