using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace Gatewayz.Logging.Context;

/// <summary>
/// Brings every event into the shape the Sentry mapping reads, for every sink: the context that was
/// active where the event's exception was thrown, restored; MEL dictionary scopes lifted into
/// properties. Runs after <c>Enrich.FromLogContext()</c>. Never throws.
/// </summary>
sealed class GatewayzContextEnricher : ILogEventEnricher
{
    readonly bool _restoreThrowSite;

    public GatewayzContextEnricher(bool restoreThrowSite)
    {
        _restoreThrowSite = restoreThrowSite;
        if (restoreThrowSite)
            ThrowSites.Enable();
    }

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        try
        {
            if (_restoreThrowSite)
                ThrowSiteProperties.Restore(logEvent, propertyFactory);
            MelScopeProperties.Lift(logEvent);
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: the context enricher failed: {0}", ex);
        }
    }
}
