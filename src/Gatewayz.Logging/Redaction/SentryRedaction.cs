using Sentry;
using Serilog.Debugging;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Where a <see cref="SentryRedactor"/> goes, through Sentry's public extension points, beside what the
/// SDK's owner set, never in place of it: event and transaction processors are added to the options or
/// to a scope; Sentry keeps one <c>BeforeSendLog</c>, which the library sets only where nothing of the
/// owner's can be there yet.
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
    /// On a running SDK the library did not initialise (<c>SentrySdk.Init</c>), unless its options or
    /// scope already carry one: on its current scope, from which the scopes pushed later (one per
    /// request) inherit it. Events and transactions captured before are not covered.
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
