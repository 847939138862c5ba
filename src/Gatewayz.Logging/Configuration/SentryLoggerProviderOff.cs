using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatewayz.Logging.Configuration;

/// <summary>
/// When the library sends log lines to Sentry's Logs itself, turns off Sentry's own MEL Logs providers
/// (alias <c>Sentry</c>) with a <c>None</c> rule for every category the app's rules name, after all of
/// them, so that no line is sent twice, the second time unredacted. Otherwise Sentry's Logs stay Sentry's.
/// </summary>
sealed class SentryLoggerProviderOff(HostLogging sinks) : IPostConfigureOptions<LoggerFilterOptions>
{
    /// <summary>The alias of Sentry's Logs providers (<c>ProviderAliasAttribute</c>), which MEL's rules match.</summary>
    const string SentryLogsAlias = "Sentry";

    public void PostConfigure(string? name, LoggerFilterOptions options)
    {
        if (!sinks.SendsLogs)
            return;
        var categories = options.Rules.Select(r => r.CategoryName).Distinct(StringComparer.Ordinal).ToList();
        if (!categories.Contains(null))
            categories.Add(null);
        foreach (var category in categories)
            options.Rules.Add(new LoggerFilterRule(SentryLogsAlias, category, LogLevel.None, filter: null));
    }
}
