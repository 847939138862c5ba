using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;
using Sentry;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>
/// An Information log that becomes a Sentry log line (and a breadcrumb), as a request handler writes
/// it: one property in the template, three in the scope. The floor is Serilog into a null sink; the
/// peer is Sentry.Extensions.Logging with its logs on, which hands the line to the same structured
/// logger of the SDK. A Debug call below the log level shows what a disabled level costs with logs on.
/// Three rows take the line apart: the same pipeline with logs off (the breadcrumb), the SDK's
/// structured logger alone with the same body and attributes, and both SDK calls alone.
/// </summary>
[MemoryDiagnoser]
public class LogLineBenchmarks : PipelineBenchmark
{
    static readonly object[] NoParameters = [];

    static readonly Action<SentryLog> SameAttributes = static log =>
    {
        log.SetAttribute("sentry.message.template", "Routing chat completion to {provider}");
        log.SetAttribute("sentry.message.parameter.provider", "openrouter");
        log.SetAttribute("category.name", "Gatewayz.Router");
        foreach (var (name, value) in Pipelines.ScopeProperties)
            log.SetAttribute(name, value);
    };

    [GlobalSetup(Targets = [nameof(Serilog_null_sink), nameof(Serilog_null_sink_disabled_level)])]
    public void SetupFloor() => UseSerilog(Pipelines.SerilogFloor(), inScope: true);

    [GlobalSetup(Targets = [nameof(Gatewayz_Serilog_log_line), nameof(Gatewayz_disabled_level)])]
    public void SetupGatewayz() => UseSerilog(Pipelines.Gatewayz(logs: true), inScope: true);

    [GlobalSetup(Target = nameof(Gatewayz_MEL_log_line))]
    public void SetupGatewayzMel() => UseMelThrough(Pipelines.Gatewayz(logs: true), inScope: true);

    [GlobalSetup(Target = nameof(Peer_SentryExtensionsLogging_log_line))]
    public void SetupPeer() => UsePeer(inScope: true, configure: o => o.EnableLogs = true);

    [GlobalSetup(Target = nameof(Gatewayz_Serilog_logs_off))]
    public void SetupGatewayzLogsOff() => UseSerilog(Pipelines.Gatewayz(logs: false), inScope: true);

    [GlobalSetup(Targets = [nameof(Sdk_structured_logger_alone), nameof(Sdk_breadcrumb_and_log_line_alone)])]
    public void SetupSdkLogger() => UseSdk(o => o.EnableLogs = true);

    [Benchmark(Baseline = true)]
    public void Serilog_null_sink() => Log!.Information("Routing chat completion to {provider}", "openrouter");

    [Benchmark]
    public void Gatewayz_Serilog_log_line() => Log!.Information("Routing chat completion to {provider}", "openrouter");

    [Benchmark]
    public void Gatewayz_MEL_log_line() => MelMessages.Routing(Mel!, "openrouter", null);

    [Benchmark]
    public void Peer_SentryExtensionsLogging_log_line() => MelMessages.Routing(Mel!, "openrouter", null);

    /// <summary>The same pipeline with logs off: the breadcrumb alone, which the log line comes on top of.</summary>
    [Benchmark]
    public void Gatewayz_Serilog_logs_off() => Log!.Information("Routing chat completion to {provider}", "openrouter");

    /// <summary>
    /// The SDK's public structured logger alone, given the body and the attributes the library gives
    /// the same line: what any integration built on it pays, before mapping a thing.
    /// </summary>
    [Benchmark]
    public void Sdk_structured_logger_alone() => SentrySdk.Logger.LogInfo(SameAttributes, "Routing chat completion to openrouter", NoParameters);

    /// <summary>
    /// Both calls the line makes of the SDK, alone: the breadcrumb with the scope's properties as data
    /// and the structured log line with the same attributes. With the floor, the least this line can
    /// cost through the SDK's public API, before anything is rendered, mapped or redacted.
    /// </summary>
    [Benchmark]
    public void Sdk_breadcrumb_and_log_line_alone()
    {
        SentrySdk.AddBreadcrumb("Routing chat completion to openrouter", "Gatewayz.Router", data: Pipelines.ScopeData);
        SentrySdk.Logger.LogInfo(SameAttributes, "Routing chat completion to openrouter", NoParameters);
    }

    [Benchmark]
    public void Serilog_null_sink_disabled_level() => Log!.Debug("Disabled {provider}", "openrouter");

    [Benchmark]
    public void Gatewayz_disabled_level() => Log!.Debug("Disabled {provider}", "openrouter");
}
