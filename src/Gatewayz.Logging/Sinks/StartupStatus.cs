namespace Gatewayz.Logging.Sinks;

/// <summary>
/// Where the one startup line goes that says Sentry is off and why. By default standard error;
/// the hosting one-liner routes it through the app's own logger instead.
/// </summary>
static class StartupStatus
{
    public static void WriteToStandardError(string message) => Console.Error.WriteLine($"[Gatewayz.Logging] {message}");

    public static string OffMessage(string reason) => $"Sentry is off: {reason}. Errors are still logged, not sent.";
}
