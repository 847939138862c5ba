namespace Gatewayz.Logging.Sinks;

/// <summary>
/// The one startup line that says what became of Sentry: on, and whose SDK it sends through, or off
/// and why. By default standard error (and only when off); the hosting one-liner routes it through the
/// app's own logger, whatever it says.
/// </summary>
static class StartupStatus
{
    public const string ForeignSdkMessage =
        "Sentry is on: errors are sent through the Sentry SDK the app initialised (UseSentry or SentrySdk.Init); its options apply.";

    public const string ExplicitHubMessage = "Sentry is on: errors are sent through the hub given in GatewayzSentryOptions.Hub.";

    public static void WriteToStandardError(string message) => Console.Error.WriteLine($"[Gatewayz.Logging] {message}");

    public static string OffMessage(string reason) => $"Sentry is off: {reason}. Errors are still logged, not sent.";

    /// <summary>Off for now: no DSN and no SDK yet, though the app may start one after the sink's first log.</summary>
    public static string OffUntilSdkMessage(string reason) =>
        $"Sentry is off: {reason}. Errors are still logged, not sent, unless the app initialises a Sentry SDK later: then they are sent through it.";

    public const string LateSdkMessage =
        "Sentry is on: the app initialised a Sentry SDK after this sink first logged; errors are sent through it and its options apply.";

    public static string OwnSdkMessage(string? environment) =>
        $"Sentry is on: Gatewayz.Logging initialised the Sentry SDK (environment '{environment ?? "production"}').";
}
