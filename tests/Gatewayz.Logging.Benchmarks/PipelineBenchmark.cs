using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;
using Sentry;
using Sentry.Extensions.Logging;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>
/// The pipeline a benchmark runs through: each benchmark runs in its own process, and its global
/// setup picks one of these; the cleanup disposes whichever was made.
/// </summary>
public abstract class PipelineBenchmark
{
    ILoggerFactory? _factory;
    IDisposable? _sdk;

    /// <summary>The Serilog logger, when the benchmark logs through Serilog (or MEL through Serilog).</summary>
    protected Serilog.Core.Logger? Log { get; private set; }

    /// <summary>The MEL logger, when the benchmark logs through MEL.</summary>
    protected ILogger? Mel { get; private set; }

    /// <summary>Logs through <paramref name="logger"/>, in the three-property LogContext scope if asked.</summary>
    protected void UseSerilog(Serilog.Core.Logger logger, bool inScope = false)
    {
        Log = logger;
        if (inScope)
            Pipelines.PushSerilogScope();
    }

    /// <summary>
    /// Logs through MEL routed to <paramref name="logger"/> by the library's MEL provider (or by
    /// Serilog.Extensions.Logging's, if asked), in the three-property <c>BeginScope</c> if asked.
    /// </summary>
    protected void UseMelThrough(Serilog.Core.Logger logger, bool inScope = false, bool serilogsProvider = false)
    {
        Log = logger;
        UseMel(serilogsProvider ? Pipelines.SerilogMel(logger) : Pipelines.GatewayzMel(logger), inScope);
    }

    /// <summary>Logs through MEL with the peer, Sentry.Extensions.Logging.</summary>
    protected void UsePeer(bool inScope = false, Action<SentryLoggingOptions>? configure = null) =>
        UseMel(Pipelines.Peer(configure), inScope);

    /// <summary>Calls the bare SDK, as the Python original does.</summary>
    protected void UseSdk(Action<SentryOptions>? configure = null) => _sdk = Pipelines.InitSdk(configure);

    [GlobalCleanup]
    public void Cleanup()
    {
        _factory?.Dispose();
        Log?.Dispose();
        _sdk?.Dispose();
    }

    void UseMel(ILoggerFactory factory, bool inScope)
    {
        _factory = factory;
        Mel = factory.CreateLogger("Gatewayz.Router");
        if (inScope)
            Mel.BeginScope(Pipelines.ScopeProperties);
    }
}
