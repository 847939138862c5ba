using Gatewayz.Logging.Redaction;
using Sentry;

namespace Gatewayz.Logging;

/// <summary>Redaction for a Sentry SDK that another integration initialises.</summary>
public static class SentryOptionsRedactionExtensions
{
    /// <summary>
    /// Redacts everything this SDK sends, with the same rules as the Gatewayz sink: events (the message,
    /// exception messages, tags, extra, contexts, request data and body, the user's personal data with
    /// <c>SendDefaultPii</c> off, breadcrumbs), transactions (and their spans) and Sentry Logs lines
    /// (through <c>SetBeforeSendLog</c>, which replaces one set before this call). The library already does
    /// this for the SDK it initialises and for the options of <c>UseSentry()</c> beside
    /// <c>AddGatewayzLogging()</c>; call this where Sentry is initialised without the library's logging,
    /// or by <c>SentrySdk.Init</c> before any Gatewayz sink exists.
    /// </summary>
    /// <param name="options">The Sentry options, for example in <c>UseSentry(o => ...)</c>.</param>
    /// <param name="sensitiveKeys">More keys whose values are always filtered.</param>
    /// <param name="safeKeys">Keys never filtered by name.</param>
    /// <returns>The options, to chain calls.</returns>
    /// <example>
    /// <code>
    /// builder.WebHost.UseSentry(o => o.AddGatewayzRedaction());
    /// </code>
    /// </example>
    public static SentryOptions AddGatewayzRedaction(this SentryOptions options, IEnumerable<string>? sensitiveKeys = null, IEnumerable<string>? safeKeys = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        SentryRedaction.AddTo(options, new SentryRedactor(new Redactor(sensitiveKeys, safeKeys, options.SendDefaultPii)), beforeSendLog: true);
        return options;
    }
}
