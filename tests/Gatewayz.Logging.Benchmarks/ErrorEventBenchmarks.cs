using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>
/// An Error with an exception in the same scope: a Sentry event. Time on the calling thread only:
/// the Gatewayz pipeline hands exception processing and serialization to its background worker.
/// Each iteration logs as many errors as the default queue holds and starts with the previous
/// iteration's events drained, so what is measured is a capture, never a drop.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Pipelines.ErrorsPerIteration)]
public class ErrorEventBenchmarks
{
    Serilog.Core.Logger? _serilog;
    ILoggerFactory? _factory;
    ILogger? _mel;
    IDisposable? _sdk;

    [GlobalSetup(Target = nameof(Serilog_null_sink))]
    public void SetupFloor()
    {
        _serilog = Pipelines.SerilogFloor();
        Pipelines.PushSerilogScope();
    }

    [GlobalSetup(Target = nameof(Gatewayz_Serilog))]
    public void SetupGatewayz()
    {
        _serilog = Pipelines.Gatewayz();
        Pipelines.PushSerilogScope();
    }

    [GlobalSetup(Target = nameof(Gatewayz_MEL))]
    public void SetupGatewayzMel()
    {
        _serilog = Pipelines.Gatewayz();
        _factory = Pipelines.GatewayzMel(_serilog);
        _mel = _factory.CreateLogger("Gatewayz.Router");
        _mel.BeginScope(Pipelines.ScopeProperties);
    }

    [GlobalSetup(Target = nameof(Peer_SentryExtensionsLogging))]
    public void SetupPeer()
    {
        _factory = Pipelines.Peer();
        _mel = _factory.CreateLogger("Gatewayz.Router");
        _mel.BeginScope(Pipelines.ScopeProperties);
    }

    [GlobalSetup(Target = nameof(Python_pattern_CaptureException))]
    public void SetupPython() => _sdk = Pipelines.InitSdk();

    [IterationSetup]
    public void Drain() => Pipelines.Drain();

    [Benchmark(Baseline = true)]
    public void Serilog_null_sink() => _serilog!.Error(Pipelines.Failure, "Provider {provider} request failed", "openrouter");

    [Benchmark]
    public void Gatewayz_Serilog() => _serilog!.Error(Pipelines.Failure, "Provider {provider} request failed", "openrouter");

    [Benchmark]
    public void Gatewayz_MEL() => MelMessages.Failed(_mel!, "openrouter", Pipelines.Failure);

    [Benchmark]
    public void Peer_SentryExtensionsLogging() => MelMessages.Failed(_mel!, "openrouter", Pipelines.Failure);

    [Benchmark]
    public void Python_pattern_CaptureException() => Pipelines.PythonCapture(Pipelines.Failure);

    [GlobalCleanup]
    public void Cleanup()
    {
        _factory?.Dispose();
        _serilog?.Dispose();
        _sdk?.Dispose();
    }
}
