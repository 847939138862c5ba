using BenchmarkDotNet.Attributes;
using Serilog.Context;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>
/// An Information log in a three-property scope, as a request handler writes it: open the scope
/// (provider, model, request type), log once, close it. The log becomes a breadcrumb, and nothing
/// else. The floor is the same with Serilog into a null sink; the peer opens its scope with MEL's
/// <c>BeginScope</c>, which Sentry.Extensions.Logging turns into a pushed Sentry scope. MEL into a
/// null sink, through the library's MEL provider and through Serilog.Extensions.Logging, shows what
/// getting from MEL to Serilog costs before any sink runs.
/// </summary>
[MemoryDiagnoser]
public class BreadcrumbBenchmarks : PipelineBenchmark
{
    [GlobalSetup(Target = nameof(Serilog_null_sink))]
    public void SetupFloor() => UseSerilog(Pipelines.SerilogFloor());

    [GlobalSetup(Target = nameof(Serilog_null_sink_Sentry_initialised))]
    public void SetupFloorWithSdk()
    {
        UseSdk();
        UseSerilog(Pipelines.SerilogFloor());
    }

    [GlobalSetup(Target = nameof(Gatewayz_Serilog))]
    public void SetupGatewayz() => UseSerilog(Pipelines.Gatewayz());

    [GlobalSetup(Target = nameof(Gatewayz_MEL))]
    public void SetupGatewayzMel() => UseMelThrough(Pipelines.Gatewayz());

    [GlobalSetup(Target = nameof(MEL_provider_null_sink))]
    public void SetupProviderFloor() => UseMelThrough(Pipelines.SerilogFloor());

    [GlobalSetup(Target = nameof(MEL_SerilogExtensionsLogging_null_sink))]
    public void SetupBridgeFloor() => UseMelThrough(Pipelines.SerilogFloor(), serilogsProvider: true);

    [GlobalSetup(Target = nameof(Peer_SentryExtensionsLogging))]
    public void SetupPeer() => UsePeer();

    [GlobalSetup(Targets = [nameof(Python_pattern_AddBreadcrumb), nameof(Sdk_AddBreadcrumb_alone)])]
    public void SetupPython() => UseSdk();

    [Benchmark(Baseline = true)]
    public void Serilog_null_sink() => SerilogInScope();

    /// <summary>
    /// The floor in a process where the Sentry SDK runs, as it does under every pipeline measured here
    /// but the floor: the SDK's scope is one more value in the execution context, which each
    /// <c>LogContext.PushProperty</c> copies.
    /// </summary>
    [Benchmark]
    public void Serilog_null_sink_Sentry_initialised() => SerilogInScope();

    [Benchmark]
    public void Gatewayz_Serilog() => SerilogInScope();

    [Benchmark]
    public void MEL_provider_null_sink() => MelInScope();

    [Benchmark]
    public void MEL_SerilogExtensionsLogging_null_sink() => MelInScope();

    [Benchmark]
    public void Gatewayz_MEL() => MelInScope();

    [Benchmark]
    public void Peer_SentryExtensionsLogging() => MelInScope();

    /// <summary>The Python original: the context set on the SDK's scope, then a breadcrumb.</summary>
    [Benchmark]
    public void Python_pattern_AddBreadcrumb()
    {
        using (SentrySdk.PushScope())
        {
            SentrySdk.ConfigureScope(static scope => scope.Contexts["provider"] = Pipelines.ScopeProperties);
            SentrySdk.AddBreadcrumb("Routing chat completion to openrouter", "Gatewayz.Router");
        }
    }

    /// <summary>
    /// The SDK's own <c>AddBreadcrumb</c> with the scope's three properties as its data, made once:
    /// with the floor, the least a breadcrumb through the SDK's public API can cost here.
    /// </summary>
    [Benchmark]
    public void Sdk_AddBreadcrumb_alone() =>
        SentrySdk.AddBreadcrumb("Routing chat completion to openrouter", "Gatewayz.Router", data: Pipelines.ScopeData);

    void SerilogInScope()
    {
        using (LogContext.PushProperty("provider", "openrouter"))
        using (LogContext.PushProperty("model_id", "openai/gpt-4o-mini"))
        using (LogContext.PushProperty("request_type", "chat"))
            Log!.Information("Routing chat completion to {provider}", "openrouter");
    }

    void MelInScope()
    {
        using (Mel!.BeginScope(Pipelines.ScopeProperties))
            MelMessages.Routing(Mel, "openrouter", null);
    }
}
