using BenchmarkDotNet.Attributes;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>
/// One error of a storm (a provider down, every request failing the same way), on the calling
/// thread: the Gatewayz pipeline with storm control on (its default) after the fingerprint's budget
/// is spent, against the peer and the Python original's pattern, which process every one.
/// </summary>
[MemoryDiagnoser]
public class StormBenchmarks : PipelineBenchmark
{
    [GlobalSetup(Target = nameof(Serilog_null_sink))]
    public void SetupFloor() => UseSerilog(Pipelines.SerilogFloor(), inScope: true);

    [GlobalSetup(Target = nameof(Gatewayz_storm_control))]
    public void SetupGatewayz() => UseSerilog(Pipelines.Gatewayz(stormControl: true), inScope: true);

    [GlobalSetup(Target = nameof(Peer_SentryExtensionsLogging))]
    public void SetupPeer() => UsePeer(inScope: true);

    [GlobalSetup(Target = nameof(Python_pattern_CaptureException))]
    public void SetupPython() => UseSdk();

    [Benchmark(Baseline = true)]
    public void Serilog_null_sink() => Log!.Error(Pipelines.Failure, "Provider {provider} request failed", "openrouter");

    [Benchmark]
    public void Gatewayz_storm_control() => Log!.Error(Pipelines.Failure, "Provider {provider} request failed", "openrouter");

    [Benchmark]
    public void Peer_SentryExtensionsLogging() => MelMessages.Failed(Mel!, "openrouter", Pipelines.Failure);

    [Benchmark]
    public void Python_pattern_CaptureException() => Pipelines.PythonCapture(Pipelines.Failure);
}
