using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Gatewayz.Logging.Tests.Support;

/// <summary>Another sink beside Sentry's, to check what every other sink (the console, say) receives.</summary>
public sealed class CollectingSink : ILogEventSink
{
    readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => _events.ToArray();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
}
