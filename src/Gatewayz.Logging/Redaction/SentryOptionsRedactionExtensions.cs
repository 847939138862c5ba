using Gatewayz.Logging.Redaction;
using Sentry;

namespace Gatewayz.Logging;

/// <summary>Redaction for a Sentry SDK that another integration initialises.</summary>
public static class SentryOptionsRedactionExtensions
{
    /// <summary>
    /// Redacts every event this SDK sends, with the same rules as the Gatewayz sink: the message,
    /// exception messages, tags, extra, contexts, request data and breadcrumbs. The sink already does
    /// this for the SDK it initialises and for its own events; call this where Sentry is initialised
    /// by another integration, so that the events the library did not build are covered from the start.
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
        options.AddEventProcessor(new SentryEventRedactor(new Redactor(sensitiveKeys, safeKeys, options.SendDefaultPii)));
        return options;
    }
}
