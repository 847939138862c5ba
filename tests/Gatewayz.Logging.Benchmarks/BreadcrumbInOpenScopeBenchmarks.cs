using BenchmarkDotNet.Attributes;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>
/// An Information log inside a three-property scope opened once, beforehand: only the log call is
/// measured. It becomes a breadcrumb, and nothing else.
/// </summary>
[MemoryDiagnoser]
public class BreadcrumbInOpenScopeBenchmarks : PipelineBenchmark
{
    [GlobalSetup(Target = nameof(Serilog_null_sink))]
    public void SetupFloor() => UseSerilog(Pipelines.SerilogFloor(), inScope: true);

    [GlobalSetup(Target = nameof(Gatewayz_Serilog))]
    public void SetupGatewayz() => UseSerilog(Pipelines.Gatewayz(), inScope: true);

    [GlobalSetup(Target = nameof(Gatewayz_MEL))]
    public void SetupGatewayzMel() => UseMelThrough(Pipelines.Gatewayz(), inScope: true);

    [GlobalSetup(Target = nameof(Peer_SentryExtensionsLogging))]
    public void SetupPeer() => UsePeer(inScope: true);

    [GlobalSetup(Target = nameof(Python_pattern_AddBreadcrumb))]
    public void SetupPython() => UseSdk();

    [Benchmark(Baseline = true)]
    public void Serilog_null_sink() => Log!.Information("Routing chat completion to {provider}", "openrouter");

    [Benchmark]
    public void Gatewayz_Serilog() => Log!.Information("Routing chat completion to {provider}", "openrouter");

    [Benchmark]
    public void Gatewayz_MEL() => MelMessages.Routing(Mel!, "openrouter", null);

    [Benchmark]
    public void Peer_SentryExtensionsLogging() => MelMessages.Routing(Mel!, "openrouter", null);

    [Benchmark]
    public void Python_pattern_AddBreadcrumb() =>
        SentrySdk.AddBreadcrumb("Routing chat completion to openrouter", "Gatewayz.Router",
            data: new Dictionary<string, string> { ["provider"] = "openrouter", ["model_id"] = "openai/gpt-4o-mini", ["request_type"] = "chat" });
}
