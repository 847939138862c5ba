using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;
using Sentry;
using Serilog.Context;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>
/// An Information log in a three-property scope, as a request handler writes it: open the scope
/// (provider, model, request type), log once, close it. The log becomes a breadcrumb, and nothing
/// else. The floor is the same with Serilog into a null sink; the peer opens its scope with MEL's
/// <c>BeginScope</c>, which Sentry.Extensions.Logging turns into a pushed Sentry scope. MEL through
/// Serilog.Extensions.Logging into a null sink is the floor for anything that reaches Serilog from MEL.
/// </summary>
[MemoryDiagnoser]
public class BreadcrumbBenchmarks
{
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

    [GlobalSetup(Target = nameof(MEL_bridge_null_sink))]
    public void SetupBridgeFloor()
    {
        _serilog = Pipelines.SerilogFloor();
        _factory = Pipelines.GatewayzMel(_serilog);
        _mel = _factory.CreateLogger("Gatewayz.Router");
    }

    [GlobalSetup(Target = nameof(Peer_SentryExtensionsLogging))]
    public void SetupPeer()
    {
        _factory = Pipelines.Peer();
        _mel = _factory.CreateLogger("Gatewayz.Router");
    }

    [GlobalSetup(Target = nameof(Python_pattern_AddBreadcrumb))]
    public void SetupPython() => _sdk = Pipelines.InitSdk();

    [Benchmark(Baseline = true)]
    public void Serilog_null_sink() => SerilogInScope();

    [Benchmark]
    public void Gatewayz_Serilog() => SerilogInScope();

    [Benchmark]
    public void MEL_bridge_null_sink() => MelInScope();

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

    void SerilogInScope()
    {
        using (LogContext.PushProperty("provider", "openrouter"))
        using (LogContext.PushProperty("model_id", "openai/gpt-4o-mini"))
        using (LogContext.PushProperty("request_type", "chat"))
            _serilog!.Information("Routing chat completion to {provider}", "openrouter");
    }

    void MelInScope()
    {
        using (_mel!.BeginScope(Pipelines.ScopeProperties))
            MelMessages.Routing(_mel, "openrouter", null);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _factory?.Dispose();
        _serilog?.Dispose();
        _sdk?.Dispose();
    }
}
