using Microsoft.Extensions.Configuration;
using Sentry;
using Serilog.Debugging;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// Keeps the Microsoft.Extensions.Logging provider that Sentry's <c>UseSentry()</c> adds from sending
/// events and breadcrumbs beside the library, which would make every logged error a second event (one
/// without the library's tags, contexts and redaction) and every line a second breadcrumb. It sets
/// Sentry's public options <c>MinimumEventLevel</c> and <c>MinimumBreadcrumbLevel</c> to <c>None</c>.
/// They are declared on <c>SentryLoggingOptions</c> in Sentry 6.13 and on <c>SentryHostOptions</c> in
/// 7.0, both of them <see cref="SentryOptions"/>: the configuration binder sets them by their documented
/// configuration keys, as <c>UseSentry()</c> binds them from the <c>Sentry</c> section. Options without
/// them (an SDK <c>SentrySdk.Init</c> started) are left as they are.
/// </summary>
static class SentryLoggerEventsOff
{
    static readonly IConfiguration LevelsOff = new ConfigurationBuilder()
        .AddInMemoryCollection([new("MinimumEventLevel", "None"), new("MinimumBreadcrumbLevel", "None")])
        .Build();

    public static void Apply(object? options)
    {
        if (options is not SentryOptions sentryOptions)
            return;
        try
        {
            LevelsOff.Bind(sentryOptions);
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: could not turn off the events of Sentry's own logging provider: {0}", ex);
        }
    }

}
