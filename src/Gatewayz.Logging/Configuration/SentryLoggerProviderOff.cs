using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatewayz.Logging.Configuration;

/// <summary>
/// When the library sends log lines to Sentry's Logs itself (<c>EnableLogs</c>), turns off the
/// Microsoft.Extensions.Logging providers through which Sentry sends them, by MEL's filter rules on the
/// alias they are registered under (<c>Sentry</c>, as in <c>Logging:Sentry</c>): with Sentry's logs on
/// (the same <c>EnableLogs</c> key of the <c>Sentry</c> section) they would send every line a second
/// time, without redaction. Otherwise Sentry's Logs stay Sentry's. Applied after every other filter
/// rule, it holds whether <c>UseSentry()</c> comes before or after <c>AddGatewayzLogging()</c>, and
/// whatever <c>Logging</c> rules the app has: for each category a rule names, the alias gets <c>None</c>.
/// (Sentry's event provider carries no alias; <see cref="Sinks.SentryLoggerEventsOff"/> turns it off.)
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
