using Serilog.Debugging;
using Serilog.Events;

namespace Gatewayz.Logging.Context;

/// <summary>
/// Serilog.Extensions.Logging turns a <c>BeginScope</c> with <c>Dictionary&lt;string, object&gt;</c>
/// into properties, but a <c>Dictionary&lt;string, string&gt;</c> (or any other dictionary) into an
/// item of the <c>Scope</c> list. This lifts such dictionaries into properties, as
/// <c>LogContext.PushProperty</c> would have added them; inner scopes win. Entries whose name
/// cannot be a property name (empty, blank, not a string) stay in <c>Scope</c>, and SelfLog says so.
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
            List<KeyValuePair<ScalarValue, LogEventPropertyValue>>? unnamed = null;
            foreach (var entry in dictionary.Elements)
            {
                if (entry.Key.Value is string name && LogEventProperty.IsValidName(name))
                    logEvent.AddPropertyIfAbsent(new LogEventProperty(name, entry.Value));
                else
                    (unnamed ??= []).Add(entry);
            }
            if (unnamed is not null)
            {
                // Such a name cannot be a property's: the entries stay in Scope, where the mapping shows a blank one as "(empty)".
                SelfLog.WriteLine("Gatewayz.Logging: {0} BeginScope entries have a name that cannot name a property (empty, blank or not a string); they were kept in the Scope property", unnamed.Count);
                remaining.Add(new DictionaryValue(unnamed));
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
