using BenchmarkDotNet.Attributes;
using Gatewayz.Logging;
using Microsoft.Extensions.Logging;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>
/// <c>CaptureProviderError</c> from a catch block, against what the same report costs elsewhere:
/// the helper into a Serilog null sink (the floor), the peer's scope-and-log, and the Python
/// original's <c>capture_provider_error</c> on the bare SDK. Time on the calling thread.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Pipelines.ErrorsPerIteration)]
public class CaptureHelperBenchmarks
{
    static readonly Dictionary<string, object> ProviderScope = new()
    {
        ["provider_name"] = "openrouter",
        ["model"] = "openai/gpt-4o-mini",
        ["request_id"] = "req-7f3a",
        ["endpoint"] = "/v1/chat/completions",
    };

    Serilog.Core.Logger? _serilog;
    ILoggerFactory? _factory;
    ILogger? _mel;
    IDisposable? _sdk;

    [GlobalSetup(Target = nameof(Serilog_null_sink))]
    public void SetupFloor() => _serilog = Pipelines.SerilogFloor();

    [GlobalSetup(Target = nameof(Gatewayz_Serilog))]
    public void SetupGatewayz() => _serilog = Pipelines.Gatewayz();

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

    [GlobalSetup(Target = nameof(Python_pattern_CaptureException))]
    public void SetupPython() => _sdk = Pipelines.InitSdk();

    [IterationSetup]
    public void Drain() => Pipelines.Drain();

    [Benchmark(Baseline = true)]
    public void Serilog_null_sink() =>
        _serilog!.CaptureProviderError(Pipelines.Failure, "openrouter", model: "openai/gpt-4o-mini", requestId: "req-7f3a", endpoint: "/v1/chat/completions");

    [Benchmark]
    public void Gatewayz_Serilog() =>
        _serilog!.CaptureProviderError(Pipelines.Failure, "openrouter", model: "openai/gpt-4o-mini", requestId: "req-7f3a", endpoint: "/v1/chat/completions");

    [Benchmark]
    public void Gatewayz_MEL() =>
        _mel!.CaptureProviderError(Pipelines.Failure, "openrouter", model: "openai/gpt-4o-mini", requestId: "req-7f3a", endpoint: "/v1/chat/completions");

    [Benchmark]
    public void Peer_SentryExtensionsLogging()
    {
        using (_mel!.BeginScope(ProviderScope))
            MelMessages.Failed(_mel, "openrouter", Pipelines.Failure);
    }

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
