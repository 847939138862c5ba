using Microsoft.Extensions.Configuration;
using Sentry;
using Serilog.Debugging;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// Keeps the Microsoft.Extensions.Logging provider that Sentry's <c>UseSentry()</c> adds from sending
/// events and breadcrumbs beside the library, which would make every logged error a second event (one
/// without the library's tags, contexts and redaction) and every line a second breadcrumb. Sets Sentry's
/// public options <c>MinimumEventLevel</c> and <c>MinimumBreadcrumbLevel</c> to <c>None</c> through the
/// configuration binder, by their configuration keys, as <c>UseSentry()</c> binds them (the type that
/// declares them differs between Sentry versions). Options without them are left as they are.
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
