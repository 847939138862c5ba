using BenchmarkDotNet.Attributes;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>
/// An Error with an exception in the same scope: a Sentry event. Time on the calling thread only:
/// the Gatewayz pipeline hands exception processing and serialization to its background worker.
/// Each iteration logs as many errors as the default queue holds and starts with the previous
/// iteration's events drained, so what is measured is a capture, never a drop.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Pipelines.ErrorsPerIteration)]
[WarmupCount(Pipelines.EventWarmupIterations)]
public class ErrorEventBenchmarks : PipelineBenchmark
{
    Exception? _thrownInScope;

    [GlobalSetup(Target = nameof(Serilog_null_sink))]
    public void SetupFloor() => UseSerilog(Pipelines.SerilogFloor(), inScope: true);

    [GlobalSetup(Target = nameof(Gatewayz_Serilog))]
    public void SetupGatewayz() => UseSerilog(Pipelines.Gatewayz(), inScope: true);

    [GlobalSetup(Target = nameof(Gatewayz_Serilog_after_many_throws))]
    public void SetupGatewayzAfterThrows()
    {
        UseSerilog(Pipelines.Gatewayz(), inScope: true);
        _thrownInScope = Pipelines.ThrowInScope(throwsBefore: 300);
    }

    [GlobalSetup(Target = nameof(Gatewayz_MEL))]
    public void SetupGatewayzMel() => UseMelThrough(Pipelines.Gatewayz(), inScope: true);

    [GlobalSetup(Target = nameof(Peer_SentryExtensionsLogging))]
    public void SetupPeer() => UsePeer(inScope: true);

    [GlobalSetup(Target = nameof(Python_pattern_CaptureException))]
    public void SetupPython() => UseSdk();

    [IterationSetup]
    public void Drain() => Pipelines.Drain();

    [Benchmark(Baseline = true)]
    public void Serilog_null_sink() => Log!.Error(Pipelines.Failure, "Provider {provider} request failed", "openrouter");

    [Benchmark]
    public void Gatewayz_Serilog() => Log!.Error(Pipelines.Failure, "Provider {provider} request failed", "openrouter");

    /// <summary>
    /// As in a process that throws: the logged exception was thrown in the scope, after 300 others, so
    /// the throw-site record is searched among a full ring of remembered throws, found and replayed.
    /// </summary>
    [Benchmark]
    public void Gatewayz_Serilog_after_many_throws() => Log!.Error(_thrownInScope, "Provider {provider} request failed", "openrouter");

    [Benchmark]
    public void Gatewayz_MEL() => MelMessages.Failed(Mel!, "openrouter", Pipelines.Failure);

    [Benchmark]
    public void Peer_SentryExtensionsLogging() => MelMessages.Failed(Mel!, "openrouter", Pipelines.Failure);

    [Benchmark]
    public void Python_pattern_CaptureException() => Pipelines.PythonCapture(Pipelines.Failure);
}
