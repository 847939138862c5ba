using Gatewayz.Logging.Mapping;
using Serilog.Context;
using Serilog.Core;
using Serilog.Events;

namespace Gatewayz.Logging.Context;

/// <summary>
/// Adds to a log event the properties that were in scope where its exception was thrown (LogContext,
/// MEL <c>BeginScope</c>, <c>ErrorContext</c>), by replaying the LogContext enrichers inside the
/// throw site's execution context. Properties present at the log call win; explicit tags merge.
/// </summary>
static class ThrowSiteProperties
{
    static readonly MessageTemplate EmptyTemplate = new([]);

    public static void Restore(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.Exception is null || ThrowSites.Find(logEvent.Exception) is not { } sites)
            return;

        var collected = new LogEvent(logEvent.Timestamp, logEvent.Level, null, EmptyTemplate, []);
        foreach (var site in sites)
        {
            ExecutionContext.Run(site, static state =>
            {
                var (target, factory) = ((LogEvent, ILogEventPropertyFactory))state!;
                LogContext.Clone().Enrich(target, factory);
                foreach (var melScopes in MelScopeSources.Live())
                    melScopes.Enrich(target, factory);
            }, (collected, propertyFactory));
        }

        foreach (var (name, value) in collected.Properties)
        {
            if (name == PropertyNames.SentryTags && logEvent.Properties.TryGetValue(name, out var present))
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, MergeTags(value, present)));
            else
                logEvent.AddPropertyIfAbsent(new LogEventProperty(name, value));
        }
    }

    /// <summary>The throw site's explicit tags overlaid by those present at the log call.</summary>
    static LogEventPropertyValue MergeTags(LogEventPropertyValue throwSite, LogEventPropertyValue logCall)
    {
        if (throwSite is not DictionaryValue outer || logCall is not DictionaryValue inner)
            return logCall;
        var merged = new Dictionary<ScalarValue, LogEventPropertyValue>(outer.Elements);
        foreach (var (key, value) in inner.Elements)
            merged[key] = value;
        return new DictionaryValue(merged);
    }
}
