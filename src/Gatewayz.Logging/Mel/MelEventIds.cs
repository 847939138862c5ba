using Microsoft.Extensions.Logging;
using Serilog.Events;

namespace Gatewayz.Logging.Mel;

/// <summary>
/// MEL's <c>EventId</c> as the structure Serilog users know (<c>Id</c>, <c>Name</c>), built once per
/// distinct id (at most 1,024 kept): an app has a few hundred at most.
/// </summary>
static class MelEventIds
{
    static readonly BoundedCache<(int Id, string? Name), StructureValue> Cache = new(1024, Create);

    public static StructureValue Value(EventId eventId) => Cache.Get((eventId.Id, eventId.Name));

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
