using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace Gatewayz.Logging.Context;

/// <summary>
/// Brings every event into the shape the Sentry mapping reads: MEL dictionary scopes lifted into
/// properties. Runs for every sink, after <c>Enrich.FromLogContext()</c>. Never throws.
/// </summary>
sealed class GatewayzContextEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        try
        {
            MelScopeProperties.Lift(logEvent);
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: the context enricher failed: {0}", ex);
        }
    }
}
