using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Gatewayz.Logging.Configuration;

/// <summary>
/// The app's configuration as Serilog's settings reader sees it under <c>AddGatewayzLogging</c>: the
/// <c>Serilog</c> section whole (so level switches, filters, sub-loggers and <c>WriteTo.Async</c> keep
/// their meaning) with two changes: the sinks of <c>WriteTo</c>, but the library's own, move under one
/// <c>GatewayzRedacted</c> entry, and <c>Using</c> lists the library. A view over the app's own sections.
/// </summary>
sealed class SerilogSectionView(IConfiguration inner, HostLogging host) : IConfiguration
{
    /// <summary>The host the logger is built for: the library's components declared in the section find its policy and join it.</summary>
    public HostLogging Host => host;

    static readonly string[] Unwrapped = [SerilogSection.SentrySink, SerilogSection.RedactedSink];

    public string? this[string key]
    {
        get => inner[key];
        set => inner[key] = value;
    }

    public IConfigurationSection GetSection(string key) =>
        string.Equals(key, SerilogSection.Name, StringComparison.OrdinalIgnoreCase) ? View(inner.GetSection(key)) : inner.GetSection(key);

    public IEnumerable<IConfigurationSection> GetChildren() =>
        inner.GetChildren().Select(c => string.Equals(c.Key, SerilogSection.Name, StringComparison.OrdinalIgnoreCase) ? View(c) : c);

    public IChangeToken GetReloadToken() => inner.GetReloadToken();

    /// <summary>The entries of <c>WriteTo</c> that are wrapped for redaction: all but the library's own.</summary>
    static bool IsWrapped(IConfigurationSection entry) =>
        !Unwrapped.Contains((entry.Value ?? entry["Name"])?.Trim(), StringComparer.OrdinalIgnoreCase);

    static FixedSection View(IConfigurationSection serilog)
    {
        var children = new List<IConfigurationSection>();
        foreach (var child in serilog.GetChildren())
        {
            if (string.Equals(child.Key, "WriteTo", StringComparison.OrdinalIgnoreCase))
                children.Add(WriteTo(child));
            else if (!string.Equals(child.Key, "Using", StringComparison.OrdinalIgnoreCase))
                children.Add(child);
        }
        children.Add(Using(serilog.GetSection("Using")));
        return new FixedSection(serilog.Path, serilog.Value, children, serilog);
    }

    static FixedSection WriteTo(IConfigurationSection writeTo)
    {
        var entries = writeTo.GetChildren().ToList();
        var wrapped = entries.Where(IsWrapped).ToList();
        var children = entries.Where(e => !IsWrapped(e)).ToList();
        if (wrapped.Count > 0)
        {
            var path = ConfigurationPath.Combine(writeTo.Path, "GatewayzRedactedSinks");
            var args = ConfigurationPath.Combine(path, "Args");
            children.Insert(0, new FixedSection(path, null,
            [
                new FixedSection(ConfigurationPath.Combine(path, "Name"), SerilogSection.RedactedSink, [], writeTo),
                new FixedSection(args, null, [new FixedSection(ConfigurationPath.Combine(args, "configure"), null, wrapped, writeTo)], writeTo),
            ], writeTo));
        }
        return new FixedSection(writeTo.Path, null, children, writeTo);
    }

    static FixedSection Using(IConfigurationSection usings)
    {
        var children = usings.GetChildren().ToList();
        if (!children.Any(u => SerilogSection.IsLibrary(u.Value)))
            children.Add(new FixedSection(ConfigurationPath.Combine(usings.Path, "GatewayzLogging"), SerilogSection.LibraryAssembly, [], usings));
        return new FixedSection(usings.Path, null, children, usings);
    }
}
