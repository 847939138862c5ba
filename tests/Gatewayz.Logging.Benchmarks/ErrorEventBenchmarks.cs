using BenchmarkDotNet.Attributes;
using Sentry;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>
/// An Error with an exception in the same scope: a Sentry event, captured on the calling thread by
/// every pipeline, as Sentry's own integrations do; the SDK's worker serializes and sends. The SDK's
/// own capture of an equivalent event is the floor under each pipeline, on an SDK configured as that
/// pipeline's: <see cref="Sdk_CaptureEvent"/> on the SDK's defaults, as the peer initialises it, and
/// <see cref="Sdk_CaptureEvent_on_the_SDK_Gatewayz_initialises"/>, which differs by the list of loaded
/// assemblies the library keeps instead of the SDK reading every assembly's name per event. Each
/// iteration logs half of what the queues hold and starts with the previous iteration's events
/// drained, so what is measured is a capture, never a drop.
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

    [GlobalSetup(Target = nameof(Sdk_CaptureEvent))]
    public void SetupSdk() => UseSdk();

    [GlobalSetup(Target = nameof(Sdk_CaptureEvent_on_the_SDK_Gatewayz_initialises))]
    public void SetupGatewayzSdk() => UseSerilog(Pipelines.Gatewayz(), inScope: true);

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

    /// <summary>The SDK alone capturing the same event, as a logging integration hands it over: the floor of a capture.</summary>
    [Benchmark]
    public void Sdk_CaptureEvent() => SentrySdk.CaptureEvent(Pipelines.EquivalentEvent());

    /// <summary>The same, on the SDK the library initialises: the floor under the library's rows.</summary>
    [Benchmark]
    public void Sdk_CaptureEvent_on_the_SDK_Gatewayz_initialises() => SentrySdk.CaptureEvent(Pipelines.EquivalentEvent());
}
