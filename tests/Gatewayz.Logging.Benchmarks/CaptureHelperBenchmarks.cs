using BenchmarkDotNet.Attributes;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>
/// <c>CaptureProviderError</c> from a catch block, against what the same report costs elsewhere:
/// the helper into a Serilog null sink (the floor), the peer's scope-and-log, and the Python
/// original's <c>capture_provider_error</c> on the bare SDK. Time on the calling thread.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Pipelines.ErrorsPerIteration)]
[WarmupCount(Pipelines.EventWarmupIterations)]
public class CaptureHelperBenchmarks : PipelineBenchmark
{
    static readonly Dictionary<string, object> ProviderScope = new()
    {
        ["provider_name"] = "openrouter",
        ["model"] = "openai/gpt-4o-mini",
        ["request_id"] = "req-7f3a",
        ["endpoint"] = "/v1/chat/completions",
    };


    [GlobalSetup(Target = nameof(Serilog_null_sink))]
    public void SetupFloor() => UseSerilog(Pipelines.SerilogFloor());

    [GlobalSetup(Target = nameof(Gatewayz_Serilog))]
    public void SetupGatewayz() => UseSerilog(Pipelines.Gatewayz());

    [GlobalSetup(Target = nameof(Gatewayz_MEL))]
    public void SetupGatewayzMel() => UseMelThrough(Pipelines.Gatewayz());

    [GlobalSetup(Target = nameof(Peer_SentryExtensionsLogging))]
    public void SetupPeer() => UsePeer();

    [GlobalSetup(Target = nameof(Python_pattern_CaptureException))]
    public void SetupPython() => UseSdk();

    [IterationSetup]
    public void Drain() => Pipelines.Drain();

    [Benchmark(Baseline = true)]
    public void Serilog_null_sink() =>
        Log!.CaptureProviderError(Pipelines.Failure, "openrouter", model: "openai/gpt-4o-mini", requestId: "req-7f3a", endpoint: "/v1/chat/completions");

    [Benchmark]
    public void Gatewayz_Serilog() =>
        Log!.CaptureProviderError(Pipelines.Failure, "openrouter", model: "openai/gpt-4o-mini", requestId: "req-7f3a", endpoint: "/v1/chat/completions");

    [Benchmark]
    public void Gatewayz_MEL() =>
        Mel!.CaptureProviderError(Pipelines.Failure, "openrouter", model: "openai/gpt-4o-mini", requestId: "req-7f3a", endpoint: "/v1/chat/completions");

    [Benchmark]
    public void Peer_SentryExtensionsLogging()
    {
        using (Mel!.BeginScope(ProviderScope))
            MelMessages.Failed(Mel, "openrouter", Pipelines.Failure);
    }

    [Benchmark]
    public void Python_pattern_CaptureException() => Pipelines.PythonCapture(Pipelines.Failure);
}
