using Sentry;

namespace Gatewayz.Logging.Capture;

/// <summary>
/// The Sentry event a logged failure starts as, before the mapping fills it: the logged exception, for
/// the SDK to read when it captures; none when the SDK could not read it (<see cref="ExceptionProbe"/>),
/// and the sink describes the exception itself.
/// </summary>
static class LoggedEvent
{
    public static SentryEvent Create(Exception? exception) =>
        new(exception is null || ExceptionProbe.FindFault(exception) is null ? exception : null);
}
