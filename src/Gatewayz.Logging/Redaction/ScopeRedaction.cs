using Sentry;
using Serilog.Debugging;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Puts the event redactor on the current scope of an SDK the library did not initialise (by
/// <c>UseSentry</c>, say), once: scopes pushed from it later (one per request) inherit it, so events
/// the library did not build are redacted too. Best effort: an SDK initialised after the sink does
/// not get it; <c>SentryOptions.AddGatewayzRedaction()</c> covers that case.
/// </summary>
static class ScopeRedaction
{
    public static void AddOnce(IHub hub, SentryEventRedactor redactor)
    {
        try
        {
            if (!hub.IsEnabled)
                return;
            hub.ConfigureScope(static (scope, redactor) =>
            {
                if (!scope.GetAllEventProcessors().OfType<SentryEventRedactor>().Any())
                    scope.AddEventProcessor(redactor);
            }, redactor);
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: could not add redaction to the Sentry scope: {0}", ex);
        }
    }
}
