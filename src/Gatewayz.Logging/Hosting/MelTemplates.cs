using System.Collections.Concurrent;
using Serilog.Events;
using Serilog.Parsing;

namespace Gatewayz.Logging.Hosting;

/// <summary>
/// MEL message formats parsed as Serilog templates, once per distinct format. Formats are code, so
/// there are few; a format built at run time (interpolated) would not be, so past
/// <see cref="Capacity"/> formats a template is parsed per call instead of growing the cache.
/// </summary>
static class MelTemplates
{
    const int Capacity = 1000;

    static readonly MessageTemplateParser Parser = new();
    static readonly ConcurrentDictionary<string, MessageTemplate> Cache = new(StringComparer.Ordinal);

    public static MessageTemplate Parse(string format)
    {
        if (Cache.TryGetValue(format, out var template))
            return template;
        template = Parser.Parse(format);
        return Cache.Count < Capacity ? Cache.GetOrAdd(format, template) : template;
    }
}
