using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>
/// One error of a storm (a provider down, every request failing the same way), on the calling
/// thread: the Gatewayz pipeline with storm control on (its default) after the fingerprint's budget
/// is spent, against the peer and the Python original's pattern, which process every one.
/// </summary>
[MemoryDiagnoser]
public class StormBenchmarks
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

    [GlobalSetup(Target = nameof(Gatewayz_storm_control))]
    public void SetupGatewayz()
    {
        _serilog = Pipelines.Gatewayz(stormControl: true);
        Pipelines.PushSerilogScope();
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

    [Benchmark(Baseline = true)]
    public void Serilog_null_sink() => _serilog!.Error(Pipelines.Failure, "Provider {provider} request failed", "openrouter");

    [Benchmark]
    public void Gatewayz_storm_control() => _serilog!.Error(Pipelines.Failure, "Provider {provider} request failed", "openrouter");

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
