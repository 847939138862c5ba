using Gatewayz.Logging.Configuration;
using Gatewayz.Logging.Context;
using Gatewayz.Logging.Redaction;
using Microsoft.Extensions.Configuration;
using Serilog.Configuration;

namespace Serilog;

/// <summary>Adds the Gatewayz context enricher to a Serilog logger configuration.</summary>
public static class GatewayzContextLoggerConfigurationExtensions
{
    /// <summary>
    /// Brings every event into the shape Sentry's mapping reads, for every sink: an event that logs
    /// an exception carries the tags and contexts that were active where it was thrown (LogContext,
    /// <c>ILogger.BeginScope</c>, <c>ErrorContext</c>), even when the catch block is outside those
    /// scopes; MEL dictionary scopes become properties; and every property is redacted, so that no
    /// sink writes a secret (wrap text sinks in <c>WriteTo.GatewayzRedacted</c> for the template text
    /// and exceptions they render). Add it after <c>Enrich.FromLogContext()</c>.
    /// In appsettings.json: <c>"Enrich": ["FromLogContext", "WithGatewayzContext"]</c>.
    /// </summary>
    /// <param name="enrichmentConfiguration">The logger's enrichment configuration.</param>
    /// <param name="captureThrowSiteContext">
    /// Records the scopes active at each throw (a reference kept as long as the exception lives) and
    /// restores them when the exception is logged. Default true.
    /// </param>
    /// <param name="sensitiveKeys">More keys whose values are always filtered, added to the default list.</param>
    /// <param name="safeKeys">Keys never filtered by name.</param>
    /// <param name="sendDefaultPii">Lets e-mail and IP addresses through unmasked, for this enricher. Default false.</param>
    /// <param name="configuration">
    /// The app's configuration, passed in by Serilog.Settings.Configuration: the keys listed for the
    /// logger's other Gatewayz components and in the <c>Sentry</c> section apply here too.
    /// </param>
    /// <returns>The logger configuration, to chain further calls.</returns>
    /// <example>
    /// <code>
    /// try
    /// {
    ///     using (LogContext.PushProperty("provider", "openrouter"))
    ///         await client.CompleteAsync(request);
    /// }
    /// catch (Exception ex)
    /// {
    ///     logger.LogError(ex, "Request failed"); // still tagged provider:openrouter
    /// }
    /// </code>
    /// </example>
    public static LoggerConfiguration WithGatewayzContext(this LoggerEnrichmentConfiguration enrichmentConfiguration, bool captureThrowSiteContext = true,
        string[]? sensitiveKeys = null, string[]? safeKeys = null, bool sendDefaultPii = false, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(enrichmentConfiguration);
        var redactor = ConfiguredRedaction.For(configuration, sensitiveKeys, safeKeys, sendDefaultPii);
        return enrichmentConfiguration.With(new GatewayzContextEnricher(captureThrowSiteContext, redactor));
    }
}
