using BenchmarkDotNet.Attributes;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>A call at a level the logger has turned off: it must cost what Serilog's own check costs, and allocate nothing.</summary>
[MemoryDiagnoser]
public class DisabledLevelBenchmarks : PipelineBenchmark
{
    [GlobalSetup(Target = nameof(Serilog_null_sink))]
    public void SetupFloor() => UseSerilog(Pipelines.SerilogFloor());

    [GlobalSetup(Target = nameof(Gatewayz_Serilog))]
    public void SetupGatewayz() => UseSerilog(Pipelines.Gatewayz());

    [GlobalSetup(Target = nameof(Gatewayz_MEL))]
    public void SetupGatewayzMel() => UseMelThrough(Pipelines.Gatewayz());

    [GlobalSetup(Target = nameof(Peer_SentryExtensionsLogging))]
    public void SetupPeer() => UsePeer();

    [Benchmark(Baseline = true)]
    public void Serilog_null_sink() => Log!.Debug("Disabled {provider}", "openrouter");

    [Benchmark]
    public void Gatewayz_Serilog() => Log!.Debug("Disabled {provider}", "openrouter");

    [Benchmark]
    public void Gatewayz_MEL() => MelMessages.Disabled(Mel!, "openrouter", null);

    [Benchmark]
    public void Peer_SentryExtensionsLogging() => MelMessages.Disabled(Mel!, "openrouter", null);
}
