using Serilog.Context;
using Serilog.Core;
using Serilog.Events;

namespace Gatewayz.Logging.Context;

/// <summary>
/// Adds to a log event the properties that were in scope where its exception was thrown (LogContext,
/// MEL <c>BeginScope</c>, <c>ErrorContext</c>), by replaying the LogContext enrichers inside the
/// throw site's execution context. Properties present at the log call win; explicit tags and
/// contexts merge, by name.
/// </summary>
static class ThrowSiteProperties
{
    static readonly MessageTemplate EmptyTemplate = new([]);

    public static void Restore(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.Exception is null || ThrowSites.Find(logEvent.Exception) is not { } sites)
            return;

        MelScopeProviders.RegisterBuiltHosts();
        var collected = new LogEvent(logEvent.Timestamp, logEvent.Level, null, EmptyTemplate, []);
        foreach (var site in sites)
        {
            ExecutionContext.Run(site, static state =>
            {
                var (target, factory) = ((LogEvent, ILogEventPropertyFactory))state!;
                // MEL scopes win over LogContext, as they do at a log call.
                foreach (var melScopes in MelScopeProviders.Live())
                    melScopes.Enrich(target, factory);
                LogContext.Clone().Enrich(target, factory);
            }, (collected, propertyFactory));
        }

        foreach (var (name, value) in collected.Properties)
        {
            if (name is PropertyNames.SentryTags or PropertyNames.SentryContexts && logEvent.Properties.TryGetValue(name, out var present))
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, Merge(value, present)));
            else
                logEvent.AddPropertyIfAbsent(new LogEventProperty(name, value));
        }
    }

    /// <summary>The throw site's explicit tags (or contexts) overlaid by those present at the log call.</summary>
    static LogEventPropertyValue Merge(LogEventPropertyValue throwSite, LogEventPropertyValue logCall)
    {
        if (throwSite is not DictionaryValue outer || logCall is not DictionaryValue inner)
            return logCall;
        var merged = new Dictionary<ScalarValue, LogEventPropertyValue>(outer.Elements);
        foreach (var (key, value) in inner.Elements)
            merged[key] = value;
        return new DictionaryValue(merged);
    }
}
