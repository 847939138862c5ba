using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Serilog.Events;

namespace Gatewayz.Logging.Hosting;

/// <summary>
/// MEL's <c>EventId</c> as the structure Serilog users know (<c>Id</c>, <c>Name</c>), built once per
/// distinct id: an app has a few hundred at most. Past <see cref="Capacity"/> ids a value is built per call.
/// </summary>
static class MelEventIds
{
    const int Capacity = 1024;

    static readonly ConcurrentDictionary<(int Id, string? Name), StructureValue> Cache = new();

    public static StructureValue Value(EventId eventId)
    {
        var key = (eventId.Id, eventId.Name);
        if (Cache.TryGetValue(key, out var value))
            return value;
        value = Create(key);
        return Cache.Count < Capacity ? Cache.GetOrAdd(key, value) : value;
    }

    static StructureValue Create((int Id, string? Name) key)
    {
        var properties = new List<LogEventProperty>(2);
        if (key.Id != 0)
            properties.Add(new LogEventProperty("Id", new ScalarValue(key.Id)));
        if (key.Name is not null)
            properties.Add(new LogEventProperty("Name", new ScalarValue(key.Name)));
        return new StructureValue(properties);
    }
}
