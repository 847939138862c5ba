using System.Collections.Concurrent;
using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Gatewayz.Logging.Tests.Support;

/// <summary>Renders each event as a text sink (the console) would, and keeps each rendering apart.</summary>
public sealed class RenderingSink(string outputTemplate = "{Timestamp:HH:mm:ss} [{Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}") : ILogEventSink
{
    readonly MessageTemplateTextFormatter _formatter = new(outputTemplate, CultureInfo.InvariantCulture);
    readonly ConcurrentQueue<(LogEvent Event, string Text)> _rendered = new();

    public IReadOnlyList<(LogEvent Event, string Text)> Rendered => _rendered.ToArray();

    public string Text => string.Concat(_rendered.Select(r => r.Text));

    public void Emit(LogEvent logEvent)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        _formatter.Format(logEvent, writer);
        _rendered.Enqueue((logEvent, writer.ToString()));
    }
}
