using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>
/// An Information log that becomes a Sentry log line (and a breadcrumb), as a request handler writes
/// it: one property in the template, three in the scope. The floor is Serilog into a null sink; the
/// peer is Sentry.Extensions.Logging with its logs on, which hands the line to the same structured
/// logger of the SDK. A Debug call below the log level shows what a disabled level costs with logs on.
/// </summary>
[MemoryDiagnoser]
public class LogLineBenchmarks : PipelineBenchmark
{
    [GlobalSetup(Targets = [nameof(Serilog_null_sink), nameof(Serilog_null_sink_disabled_level)])]
    public void SetupFloor() => UseSerilog(Pipelines.SerilogFloor(), inScope: true);

    [GlobalSetup(Targets = [nameof(Gatewayz_Serilog_log_line), nameof(Gatewayz_disabled_level)])]
    public void SetupGatewayz() => UseSerilog(Pipelines.Gatewayz(logs: true), inScope: true);

    [GlobalSetup(Target = nameof(Gatewayz_MEL_log_line))]
    public void SetupGatewayzMel() => UseMelThrough(Pipelines.Gatewayz(logs: true), inScope: true);

    [GlobalSetup(Target = nameof(Peer_SentryExtensionsLogging_log_line))]
    public void SetupPeer() => UsePeer(inScope: true, configure: o => o.EnableLogs = true);

    [Benchmark(Baseline = true)]
    public void Serilog_null_sink() => Log!.Information("Routing chat completion to {provider}", "openrouter");

    [Benchmark]
    public void Gatewayz_Serilog_log_line() => Log!.Information("Routing chat completion to {provider}", "openrouter");

    [Benchmark]
    public void Gatewayz_MEL_log_line() => MelMessages.Routing(Mel!, "openrouter", null);

    [Benchmark]
    public void Peer_SentryExtensionsLogging_log_line() => MelMessages.Routing(Mel!, "openrouter", null);

    [Benchmark]
    public void Serilog_null_sink_disabled_level() => Log!.Debug("Disabled {provider}", "openrouter");

    [Benchmark]
    public void Gatewayz_disabled_level() => Log!.Debug("Disabled {provider}", "openrouter");
}
