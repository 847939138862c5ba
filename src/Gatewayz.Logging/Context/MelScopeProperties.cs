using Gatewayz.Logging.Mapping;
using Serilog.Events;

namespace Gatewayz.Logging.Context;

/// <summary>
/// Serilog.Extensions.Logging turns a <c>BeginScope</c> with <c>Dictionary&lt;string, object&gt;</c>
/// into properties, but a <c>Dictionary&lt;string, string&gt;</c> (or any other dictionary) into an
/// item of the <c>Scope</c> list. This lifts such dictionaries into properties, as
/// <c>LogContext.PushProperty</c> would have added them; inner scopes win.
/// </summary>
static class MelScopeProperties
{
    public static void Lift(LogEvent logEvent)
    {
        if (!logEvent.Properties.TryGetValue(PropertyNames.Scope, out var scope)
            || scope is not SequenceValue items
            || !items.Elements.Any(e => e is DictionaryValue))
        {
            return;
        }

        var remaining = new List<LogEventPropertyValue>(items.Elements.Count);
        for (var i = items.Elements.Count - 1; i >= 0; i--)
        {
            if (items.Elements[i] is not DictionaryValue dictionary)
            {
                remaining.Add(items.Elements[i]);
                continue;
            }
            foreach (var (key, value) in dictionary.Elements)
            {
                if (key.Value is string name && LogEventProperty.IsValidName(name))
                    logEvent.AddPropertyIfAbsent(new LogEventProperty(name, value));
            }
        }

        if (remaining.Count == 0)
        {
            logEvent.RemovePropertyIfPresent(PropertyNames.Scope);
            return;
        }
        remaining.Reverse();
        logEvent.AddOrUpdateProperty(new LogEventProperty(PropertyNames.Scope, new SequenceValue(remaining)));
    }
}
