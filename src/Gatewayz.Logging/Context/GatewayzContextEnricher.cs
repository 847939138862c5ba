using Gatewayz.Logging.Capture;
using Gatewayz.Logging.Redaction;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace Gatewayz.Logging.Context;

/// <summary>
/// Brings every event into the shape the Sentry mapping reads, for every sink: the context that was
/// active where the event's exception was thrown, restored; MEL dictionary scopes lifted into
/// properties; every property redacted, so that no sink (the console included) writes a secret; and a
/// MEL capture helper's ticket put on its event, so that it reaches a sink behind an async wrapper.
/// Runs after <c>Enrich.FromLogContext()</c>. Never throws.
/// </summary>
sealed class GatewayzContextEnricher : ILogEventEnricher
{
    readonly bool _restoreThrowSite;
    readonly Redactor _redactor;

    public GatewayzContextEnricher(bool restoreThrowSite, Redactor redactor)
    {
        _restoreThrowSite = restoreThrowSite;
        _redactor = redactor;
        if (restoreThrowSite)
        {
            ThrowSites.Enable();
            MelScopeProviders.Watch();
        }
    }

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        try
        {
            // First, so that a failure further down never costs the capture its way to the sink.
            CaptureTicket.Attach(logEvent);
            if (_restoreThrowSite)
                ThrowSiteProperties.Restore(logEvent, propertyFactory);
            MelScopeProperties.Lift(logEvent);
            _redactor.Properties(logEvent);
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: the context enricher failed: {0}", ex);
        }
    }
}
