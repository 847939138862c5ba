using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;
using Sentry;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>
/// An Information log inside a three-property scope opened once, beforehand: only the log call is
/// measured. It becomes a breadcrumb, and nothing else.
/// </summary>
[MemoryDiagnoser]
public class BreadcrumbInOpenScopeBenchmarks
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

    [GlobalSetup(Target = nameof(Python_pattern_AddBreadcrumb))]
    public void SetupPython() => _sdk = Pipelines.InitSdk();

    [Benchmark(Baseline = true)]
    public void Serilog_null_sink() => _serilog!.Information("Routing chat completion to {provider}", "openrouter");

    [Benchmark]
    public void Gatewayz_Serilog() => _serilog!.Information("Routing chat completion to {provider}", "openrouter");

    [Benchmark]
    public void Gatewayz_MEL() => MelMessages.Routing(_mel!, "openrouter", null);

    [Benchmark]
    public void Peer_SentryExtensionsLogging() => MelMessages.Routing(_mel!, "openrouter", null);

    [Benchmark]
    public void Python_pattern_AddBreadcrumb() =>
        SentrySdk.AddBreadcrumb("Routing chat completion to openrouter", "Gatewayz.Router",
            data: new Dictionary<string, string> { ["provider"] = "openrouter", ["model_id"] = "openai/gpt-4o-mini", ["request_type"] = "chat" });

    [GlobalCleanup]
    public void Cleanup()
    {
        _factory?.Dispose();
        _serilog?.Dispose();
        _sdk?.Dispose();
    }
}
