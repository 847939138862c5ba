using System.Globalization;
using Sentry;
using Serilog.Events;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// What the logging thread hands to the background worker: the log event, the Sentry event already
/// holding its id and timestamp, and a copy of the Sentry scope as it was at the moment of the call
/// (request, user, breadcrumbs, trace), and the id and cultures of the thread that logged.
/// </summary>
sealed record CaptureWork(LogEvent LogEvent, SentryEvent SentryEvent, Scope? Scope, int ThreadId, StormVerdict Storm)
{
    /// <summary>
    /// What of the logged exception the Sentry SDK cannot read (<see cref="ExceptionProbe"/>), or null.
    /// Such an exception is kept from the SDK and described by the library instead.
    /// </summary>
    public string? ExceptionFault { get; init; }

    public CultureInfo Culture { get; } = CultureInfo.CurrentCulture;

    public CultureInfo UICulture { get; } = CultureInfo.CurrentUICulture;
}
