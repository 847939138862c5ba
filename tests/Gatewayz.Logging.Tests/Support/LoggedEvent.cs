using Serilog;
using Serilog.Events;

namespace Gatewayz.Logging.Tests.Support;

/// <summary>The one Serilog event a call writes, for tests of the pure mapping (no sink, no SDK).</summary>
public static class LoggedEvent
{
    public static LogEvent Of(Action<Serilog.ILogger> log)
    {
        var sink = new CollectingSink();
        using (var logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger())
            log(logger);
        return Assert.Single(sink.Events);
    }
}
