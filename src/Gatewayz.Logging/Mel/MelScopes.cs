using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Serilog.Debugging;
using Serilog.Events;

namespace Gatewayz.Logging.Mel;

/// <summary>
/// The MEL scopes of the moment as Serilog properties, outermost first so that inner scopes win:
/// key/value scopes (dictionaries, lists of pairs, message-template scopes, <c>(name, value)</c>
/// tuples) become properties; anything else, and the rendered text of a message-template scope,
/// becomes an item of the <c>Scope</c> list, as Serilog.Extensions.Logging shows them.
/// </summary>
static class MelScopes
{
    const string OriginalFormat = "{OriginalFormat}";
    const string Unnamed = "None";

    [ThreadStatic]
    static Collector? t_collector;

    /// <summary>Adds the scopes' properties to <paramref name="properties"/>; returns the <c>Scope</c> items, if any.</summary>
    public static List<LogEventPropertyValue>? Collect(IExternalScopeProvider scopes, Dictionary<string, LogEventPropertyValue> properties, Serilog.ILogger logger)
    {
        // A scope's ToString may log in turn: a nested call takes a collector of its own.
        var collector = t_collector ?? new Collector();
        t_collector = null;
        try
        {
            collector.Properties = properties;
            collector.Logger = logger;
            scopes.ForEachScope(static (state, collector) => collector.AddSafely(state), collector);
            return collector.Items;
        }
        finally
        {
            collector.Properties = null;
            collector.Logger = null;
            collector.Items = null;
            t_collector = collector;
        }
    }

    sealed class Collector
    {
        public Dictionary<string, LogEventPropertyValue>? Properties;
        public Serilog.ILogger? Logger;
        public List<LogEventPropertyValue>? Items;

        /// <summary>A scope that cannot be read (its enumeration or ToString throws) costs only itself, never the event.</summary>
        public void AddSafely(object? state)
        {
            try
            {
                Add(state);
            }
            catch (Exception ex)
            {
                SelfLog.WriteLine("Gatewayz.Logging: a Microsoft.Extensions.Logging scope of type {0} could not be read and was left out: {1}", state?.GetType().FullName, ex);
            }
        }

        void Add(object? state)
        {
            var properties = Properties!;
            var logger = Logger!;
            switch (state)
            {
                case null:
                    return;
                case Dictionary<string, object?> dictionary:
                    foreach (var (name, value) in dictionary)
                        MelState.Add(name, value, properties, logger);
                    return;
                case IEnumerable<KeyValuePair<string, object?>> pairs:
                    foreach (var (name, value) in pairs)
                    {
                        if (name == OriginalFormat && value is string)
                            (Items ??= []).Add(new ScalarValue(state.ToString()));
                        else if (name is not null)
                            MelState.Add(name, value, properties, logger);
                    }
                    return;
                case ITuple { Length: 2 } tuple when tuple[0] is string name:
                    MelState.Add(name, tuple[1], properties, logger);
                    return;
                default:
                    if (logger.BindProperty(Unnamed, state, destructureObjects: false, out var item))
                        (Items ??= []).Add(item.Value);
                    return;
            }
        }
    }
}
