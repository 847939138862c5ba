using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatewayz.Logging.Hosting;

/// <summary>
/// Turns off the Microsoft.Extensions.Logging provider that Sentry's <c>UseSentry()</c> registers,
/// which would send every logged error as a second event (and every line as a second breadcrumb),
/// without the library's tags, contexts and redaction. Applied after every other filter rule, it
/// holds whether <c>UseSentry()</c> comes before or after <c>AddGatewayzLogging()</c>, and whatever
/// <c>Logging</c> rules the app has: for each category a rule names, the provider gets <c>None</c>.
/// When the library sends log lines itself (<c>EnableLogs</c>, <see cref="Sinks.SentryLogSender"/>),
/// Sentry's structured-logs providers get <c>None</c> too: with Sentry's logs on (the same
/// <c>EnableLogs</c> key of the <c>Sentry</c> section) they would send every line a second time,
/// without redaction. Otherwise they are left alone, and Sentry's Logs stay Sentry's.
/// </summary>
sealed class SentryLoggerProviderOff(HostedOwnership sinks) : IPostConfigureOptions<LoggerFilterOptions>
{
    /// <summary>Sentry's event providers, 6.13 to 7.0, by full type name (they are internal types).</summary>
    static readonly string[] EventProviders =
    [
        "Sentry.Extensions.Logging.SentryLoggerProvider",
        "Sentry.AspNetCore.SentryAspNetCoreLoggerProvider",
    ];

    /// <summary>Sentry's structured-log providers, likewise.</summary>
    static readonly string[] LogProviders =
    [
        "Sentry.Extensions.Logging.SentryStructuredLoggerProvider",
        "Sentry.AspNetCore.SentryAspNetCoreStructuredLoggerProvider",
    ];

    public void PostConfigure(string? name, LoggerFilterOptions options)
    {
        var categories = options.Rules.Select(r => r.CategoryName).Distinct(StringComparer.Ordinal).ToList();
        if (!categories.Contains(null))
            categories.Add(null);
        foreach (var provider in sinks.SendsLogs ? [.. EventProviders, .. LogProviders] : EventProviders)
        {
            foreach (var category in categories)
                options.Rules.Add(new LoggerFilterRule(provider, category, LogLevel.None, filter: null));
        }
    }
}
