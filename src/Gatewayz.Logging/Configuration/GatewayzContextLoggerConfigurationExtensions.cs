using Gatewayz.Logging.Context;
using Serilog.Configuration;

namespace Serilog;

/// <summary>Adds the Gatewayz context enricher to a Serilog logger configuration.</summary>
public static class GatewayzContextLoggerConfigurationExtensions
{
    /// <summary>
    /// Brings every event into the shape Sentry's mapping reads, for every sink. Add it after
    /// <c>Enrich.FromLogContext()</c>. In appsettings.json: <c>"Enrich": ["FromLogContext", "WithGatewayzContext"]</c>.
    /// </summary>
    /// <param name="enrichmentConfiguration">The logger's enrichment configuration.</param>
    /// <returns>The logger configuration, to chain further calls.</returns>
    public static LoggerConfiguration WithGatewayzContext(this LoggerEnrichmentConfiguration enrichmentConfiguration)
    {
        ArgumentNullException.ThrowIfNull(enrichmentConfiguration);
        return enrichmentConfiguration.With(new GatewayzContextEnricher());
    }
}
