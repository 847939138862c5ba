using Gatewayz.Logging.Redaction;
using Gatewayz.Logging.Sinks;
using Microsoft.Extensions.Options;
using Sentry;

namespace Gatewayz.Logging.Configuration;

/// <summary>
/// Fits the Sentry options a host builds (<c>UseSentry()</c>'s, whichever of its types) to the library,
/// as the container builds them, before the SDK starts, whether <c>UseSentry()</c> comes before or after
/// <c>AddGatewayzLogging()</c>. Registered for every options type; acts only on Sentry's.
/// <list type="bullet">
/// <item>As the first configuration of all, Sentry Logs lines get the library's <c>BeforeSendLog</c>:
/// an owner that sets its own replaces it, as Sentry keeps one.</item>
/// <item>After every other configuration, the library's redaction is added to the event and transaction
/// processors, and Sentry's own logging provider stops sending events and breadcrumbs
/// (<see cref="SentryLoggerEventsOff"/>).</item>
/// </list>
/// </summary>
sealed class SentryOptionsFit<TOptions>(SentryRedactor redactor) : IConfigureOptions<TOptions>, IPostConfigureOptions<TOptions>
    where TOptions : class
{
    public void Configure(TOptions options)
    {
        if (options is SentryOptions sentry)
            sentry.SetBeforeSendLog(redactor.BeforeSendLog);
    }

    public void PostConfigure(string? name, TOptions options)
    {
        if (options is not SentryOptions sentry)
            return;
        SentryRedaction.AddTo(sentry, redactor, beforeSendLog: false);
        SentryLoggerEventsOff.Apply(sentry);
    }
}
