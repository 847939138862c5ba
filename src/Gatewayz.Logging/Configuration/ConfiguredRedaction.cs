using Gatewayz.Logging.Redaction;
using Microsoft.Extensions.Configuration;
using Serilog;

namespace Gatewayz.Logging.Configuration;

/// <summary>
/// Reads a logger's redaction policy from configuration: the keys of the <c>Sentry</c> section and of the
/// <c>Args</c> of every Gatewayz component in the <c>Serilog</c> section, nested ones included. Personal
/// data passes for the whole logger when the <c>Sentry</c> section, the code's options or the Sentry sink
/// say so; an enricher's or wrapper's own <c>sendDefaultPii</c> is that component's alone.
/// </summary>
static class ConfiguredRedaction
{
    /// <summary>
    /// The redactor of a component configured with <paramref name="sensitiveKeys"/>, <paramref name="safeKeys"/>
    /// and <paramref name="sendDefaultPii"/>: its own arguments alone when built in code; added to the
    /// policy of its logger when built from <paramref name="configuration"/>: the host's policy under
    /// <c>AddGatewayzLogging</c> (code and configuration together), else the one the configuration holds.
    /// </summary>
    public static Redactor For(IConfiguration? configuration, string[]? sensitiveKeys, string[]? safeKeys, bool sendDefaultPii) => configuration switch
    {
        null => new Redactor(sensitiveKeys, safeKeys, sendDefaultPii),
        SerilogSectionView { Host: var host } => host.Redaction.For(sensitiveKeys, safeKeys, sendDefaultPii),
        _ => Read(configuration).For(sensitiveKeys, safeKeys, sendDefaultPii),
    };

    public static RedactionPolicy Read(IConfiguration configuration, GatewayzSentryOptions? options = null)
    {
        var sensitive = new List<string>(options?.SensitiveKeys ?? Enumerable.Empty<string>());
        var safe = new List<string>(options?.SafeKeys ?? Enumerable.Empty<string>());
        var sendDefaultPii = options?.SendDefaultPii ?? false;

        var sentry = configuration.GetSection(SentryConfigurationSection.Name);
        sensitive.AddRange(SentryConfigurationSection.List(sentry.GetSection("SensitiveKeys")));
        safe.AddRange(SentryConfigurationSection.List(sentry.GetSection("SafeKeys")));
        sendDefaultPii |= IsTrue(sentry.GetSection("SendDefaultPii"));

        foreach (var component in SerilogSection.Entries(configuration.GetSection(SerilogSection.Name), SerilogSection.LibraryMethods))
        {
            var args = component.GetSection("Args");
            sensitive.AddRange(SentryConfigurationSection.List(args.GetSection("sensitiveKeys")));
            safe.AddRange(SentryConfigurationSection.List(args.GetSection("safeKeys")));
            if (string.Equals(component["Name"]?.Trim(), SerilogSection.SentrySink, StringComparison.OrdinalIgnoreCase))
                sendDefaultPii |= IsTrue(args.GetSection("sendDefaultPii"));
        }
        return new RedactionPolicy(sensitive, safe, sendDefaultPii);
    }

    static bool IsTrue(IConfigurationSection section) =>
        !string.IsNullOrWhiteSpace(section.Value) && SettingValues.Boolean(section.Value, section.Path);
}
