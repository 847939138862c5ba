using Gatewayz.Logging.Redaction;
using Gatewayz.Logging.Sinks;
using Microsoft.Extensions.Options;
using Sentry;

namespace Gatewayz.Logging.Configuration;

/// <summary>
/// Fits the Sentry options the container builds (<c>UseSentry()</c>'s, before or after
/// <c>AddGatewayzLogging()</c>) to the library; registered for every options type, acts only on Sentry's.
/// First of all configurations it sets the library's <c>BeforeSendLog</c> (an owner's own replaces it);
/// after all of them it adds the redacting processors and turns Sentry's MEL events off
/// (<see cref="SentryLoggerEventsOff"/>).
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
