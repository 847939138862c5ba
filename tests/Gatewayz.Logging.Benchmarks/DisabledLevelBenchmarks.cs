using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>A call at a level the logger has turned off: it must cost what Serilog's own check costs, and allocate nothing.</summary>
[MemoryDiagnoser]
public class DisabledLevelBenchmarks
{
    Serilog.Core.Logger? _serilog;
    ILoggerFactory? _factory;
    ILogger? _mel;

    [GlobalSetup(Target = nameof(Serilog_null_sink))]
    public void SetupFloor() => _serilog = Pipelines.SerilogFloor();

    [GlobalSetup(Target = nameof(Gatewayz_Serilog))]
    public void SetupGatewayz()
    {
        _serilog = Pipelines.Gatewayz();
    }

    [GlobalSetup(Target = nameof(Gatewayz_MEL))]
    public void SetupGatewayzMel()
    {
        _serilog = Pipelines.Gatewayz();
        _factory = Pipelines.GatewayzMel(_serilog);
        _mel = _factory.CreateLogger("Gatewayz.Router");
    }

    [GlobalSetup(Target = nameof(Peer_SentryExtensionsLogging))]
    public void SetupPeer()
    {
        _factory = Pipelines.Peer();
        _mel = _factory.CreateLogger("Gatewayz.Router");
    }

    [Benchmark(Baseline = true)]
    public void Serilog_null_sink() => _serilog!.Debug("Disabled {provider}", "openrouter");

    [Benchmark]
    public void Gatewayz_Serilog() => _serilog!.Debug("Disabled {provider}", "openrouter");

    [Benchmark]
    public void Gatewayz_MEL() => MelMessages.Disabled(_mel!, "openrouter", null);

    [Benchmark]
    public void Peer_SentryExtensionsLogging() => MelMessages.Disabled(_mel!, "openrouter", null);

    [GlobalCleanup]
    public void Cleanup()
    {
        _factory?.Dispose();
        _serilog?.Dispose();
    }
}
