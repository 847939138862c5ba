using Sentry;
using Serilog.Debugging;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Adds a <see cref="SentryRedactor"/> beside what the SDK's owner set, never in place of it: Sentry keeps
/// one <c>BeforeSendLog</c>, which the library sets only where the owner cannot have set one yet.
/// </summary>
static class SentryRedaction
{
    /// <summary>On options before the SDK starts: an SDK the library initialises, a host's options as they are built, <c>AddGatewayzRedaction()</c>.</summary>
    public static void AddTo(SentryOptions options, SentryRedactor redactor, bool beforeSendLog)
    {
        options.AddEventProcessor(redactor);
        options.AddTransactionProcessor(redactor);
        if (beforeSendLog)
            options.SetBeforeSendLog(redactor.BeforeSendLog);
    }

    /// <summary>
    /// On a running SDK's current scope, which later scopes inherit, unless the scope or its options carry
    /// one already. What was captured before is not covered.
    /// </summary>
    public static void AddOnce(IHub hub, SentryRedactor redactor)
    {
        try
        {
            if (!hub.IsEnabled)
                return;
            hub.ConfigureScope(static (scope, redactor) =>
            {
                if (!scope.GetAllEventProcessors().OfType<SentryRedactor>().Any())
                    scope.AddEventProcessor(redactor);
                if (!scope.GetAllTransactionProcessors().OfType<SentryRedactor>().Any())
                    scope.AddTransactionProcessor(redactor);
            }, redactor);
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: could not add redaction to the Sentry scope: {0}", ex);
        }
    }
}
