using System.Globalization;
using Sentry;
using Serilog.Events;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// What the logging thread hands to the background worker: the log event, the Sentry event decided
/// at the call (its id and timestamp), a copy of the Sentry scope as it was at the moment of the call
/// (request, user, breadcrumbs, trace), and the id, name and cultures of the thread that logged.
/// </summary>
sealed record CaptureWork(LogEvent LogEvent, PreparedEvent Event, Scope? Scope, int ThreadId, string? ThreadName, StormVerdict Storm)
{
    public CultureInfo Culture { get; } = CultureInfo.CurrentCulture;

    public CultureInfo UICulture { get; } = CultureInfo.CurrentUICulture;
}
