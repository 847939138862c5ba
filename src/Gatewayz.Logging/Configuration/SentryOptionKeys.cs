using System.Collections.Frozen;
using System.Reflection;
using Sentry;

namespace Gatewayz.Logging.Configuration;

/// <summary>
/// The keys that Sentry's own options bind from the <c>Sentry</c> section: every public property of
/// <see cref="SentryOptions"/> in the Sentry version the app runs, and those that Sentry's logging,
/// hosting and ASP.NET Core options add (<c>SentryLoggingOptions</c>, <c>SentryHostOptions</c>,
/// <c>SentryAspNetCoreOptions</c>, from 6.13 to 7.0). The library accepts them beside its own keys:
/// the section is shared with <c>UseSentry()</c>.
/// </summary>
static class SentryOptionKeys
{
    static readonly string[] IntegrationKeys =
    [
        "MinimumBreadcrumbLevel", "MinimumEventLevel", "InitializeSdk", "AdjustStandardEnvironmentNameCasing",
        "AutoRegisterTracing", "CaptureBlockingCalls", "EnableLogs", "FlushOnCompletedRequest", "IncludeActivityData",
        "MaxRequestBodySize", "PreferTransactionNameProvider", "TransactionNameProvider",
    ];

    public static FrozenSet<string> All { get; } = typeof(SentryOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(p => p.Name)
        .Concat(IntegrationKeys)
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
