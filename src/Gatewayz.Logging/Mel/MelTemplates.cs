using Serilog.Events;
using Serilog.Parsing;

namespace Gatewayz.Logging.Mel;

/// <summary>MEL message formats parsed as Serilog templates, once per distinct format (at most 1,000 kept).</summary>
static class MelTemplates
{
    static readonly MessageTemplateParser Parser = new();
    static readonly BoundedCache<string, MessageTemplate> Cache = new(1000, Parser.Parse);

    public static MessageTemplate Parse(string format) => Cache.Get(format);
}
