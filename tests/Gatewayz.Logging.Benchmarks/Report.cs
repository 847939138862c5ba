using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>
/// Turns one run's results into docs/benchmarks.md: each target of the performance issue with the
/// ratio measured, and every benchmark with its ratios to the floor and to the peer.
/// </summary>
public sealed class Report(IReadOnlyList<Summary> summaries, IReadOnlyList<CpuResult> cpu, IReadOnlyList<StormResult> storms, string mode)
{
    const string Floor = "Serilog_null_sink";
    const string PeerMethod = "Peer_SentryExtensionsLogging";

    readonly List<Target> _targets = [];

    /// <summary>True when every target was met.</summary>
    public bool AllMet => _targets.All(t => t.Met);

    public string ToMarkdown()
    {
        _targets.Clear();
        AddTargets();

        var host = summaries[0].HostEnvironmentInfo;
        var text = new StringBuilder();
        text.AppendLine("# Benchmarks");
        text.AppendLine();
        text.AppendLine("Written by `dotnet run -c Release --project tests/Gatewayz.Logging.Benchmarks" + (mode == "short" ? " -- --short" : "") + "`; every figure below comes from that one run.");
        text.AppendLine();
        text.AppendLine(Invariant($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        text.AppendLine(Invariant($"- Machine: {host.Os.Value}, {host.Cpu.Value.ProcessorName?.Trim()}, {Environment.ProcessorCount} logical cores"));
        text.AppendLine(Invariant($"- Runtime: {host.RuntimeVersion}, {host.Architecture}, BenchmarkDotNet {host.BenchmarkDotNetVersion}"));
        text.AppendLine(Invariant($"- Mode: {mode} ({(mode == "short" ? "5 iterations of 100 ms per benchmark, for a quick check; ratios are noisier" : "20 iterations of 250 ms per benchmark after 10 warm-up iterations, in three processes for each per-line row (breadcrumb, open scope, disabled level, log line; the mean is over all three) and one for the others; the event classes, whose iterations are 500 calls, after 150, so that every pipeline is measured on optimised code; 5 process runs per CPU pattern")})"));
        text.AppendLine("- Sentry: one hub per process with a transport that does nothing, queues of the same size, duplicate detection kept to the same event (the event rows log one exception again and again); Gatewayz with storm control off except in the storm rows. Every pipeline captures an error on the calling thread.");
        text.AppendLine();
        text.AppendLine("## Targets");
        text.AppendLine();
        text.AppendLine("| Target | Measured | Required | Met |");
        text.AppendLine("|---|---|---|---|");
        foreach (var target in _targets)
            text.AppendLine(Invariant($"| {target.Name} | {target.Measured} | {target.Required} | {(target.Met ? "yes" : "**no**")} |"));
        text.AppendLine();

        text.AppendLine("## Per call");
        text.AppendLine();
        text.AppendLine("Time on the calling thread. Ratios are to Serilog into a null sink (the floor) and to MEL with Sentry.Extensions.Logging (the peer) in the same class.");
        foreach (var summary in summaries)
        {
            foreach (var group in summary.Reports.GroupBy(r => r.BenchmarkCase.Descriptor.Type.Name))
            {
                text.AppendLine();
                text.AppendLine("### " + group.Key);
                text.AppendLine();
                text.AppendLine("| Method | Mean | Allocated | × floor | × peer |");
                text.AppendLine("|---|---:|---:|---:|---:|");
                var floor = Find(group.Key, Floor);
                var peer = Find(group.Key, PeerMethod);
                foreach (var report in group)
                {
                    var mean = Mean(report);
                    text.AppendLine(Invariant($"| {report.BenchmarkCase.Descriptor.WorkloadMethod.Name} | {Time(mean)} | {Bytes(Allocated(report))} | {RatioText(mean, floor)} | {RatioText(mean, peer)} |"));
                }
            }
        }
        text.AppendLine();

        text.AppendLine("## Whole-process CPU per event");
        text.AppendLine();
        text.AppendLine(Invariant($"Distinct errors in a provider scope, each run in a fresh process: paced at {Scenarios.PacedRate:N0}/s (the pacing sleeps), or in one burst as fast as one thread can log. CPU of the whole process, background included, from the first call until the transport holds every event. Both queues hold every event, so none is dropped; the warm-up repeats the pattern first, and tiered compilation is off in these processes so that no JIT work is counted."));
        text.AppendLine();
        text.AppendLine("| Pattern | Pipeline | Events | Received | Duplicates | CPU per event | Calling thread per event | Allocated per event | GCs (gen 2) |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in cpu)
            text.AppendLine(Invariant($"| {Pattern(run)} | {run.Pipeline} | {run.Logged} | {run.Received} | {run.Duplicates} | {run.CpuMicrosecondsPerEvent:0.0} µs | {run.CallingMicrosecondsPerEvent:0.00} µs | {run.BytesPerEvent:N0} B | {run.Collections} ({run.FullCollections}) |"));
        text.AppendLine();
        foreach (var pattern in cpu.Select(Pattern).Distinct())
        {
            var (gatewayz, peer) = CpuMedians(pattern);
            text.AppendLine(Invariant($"- {pattern}: median {gatewayz:0.0} µs against the peer's {peer:0.0} µs, {gatewayz / peer:0.00}×."));
        }
        text.AppendLine();

        text.AppendLine("## Storm");
        text.AppendLine();
        text.AppendLine("Errors thrown from one site (a new exception each), in a provider scope, with a distinct error (its own type, site and operation) every thousandth. Only the logging calls of the storm are timed.");
        text.AppendLine();
        text.AppendLine("| Pipeline | Errors | Calling thread, total | Events sent | Duplicates | Heap after 10% | Heap at end | Distinct errors delivered |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var storm in storms)
            text.AppendLine(Invariant($"| {storm.Pipeline} | {storm.Logged} | {storm.CallingMilliseconds:0.0} ms | {storm.Received} | {storm.Duplicates} | {storm.HeapKilobytesAtTenth:N0} KB | {storm.HeapKilobytesAtEnd:N0} KB | {(storm.Pipeline == Scenarios.Gatewayz ? Invariant($"{storm.DistinctDelivered} of {storm.DistinctErrors}") : "not tracked")} |"));
        return text.ToString();
    }

    void AddTargets()
    {
        // Every pipeline captures on the calling thread; the SDK's own capture of the same event, on an SDK
        // configured as each pipeline's, is the floor under it.
        var errorPeer = Mean("ErrorEventBenchmarks", PeerMethod);
        var peerFloor = Mean("ErrorEventBenchmarks", "Sdk_CaptureEvent");
        var gatewayzFloor = Mean("ErrorEventBenchmarks", "Sdk_CaptureEvent_on_the_SDK_Gatewayz_initialises");
        foreach (var (api, method) in new[] { ("Serilog API", "Gatewayz_Serilog"), ("MEL API", "Gatewayz_MEL") })
        {
            var error = Mean("ErrorEventBenchmarks", method);
            _targets.Add(new Target(
                $"Error event captured on the calling thread ({api})",
                Invariant($"{Time(error)} vs {Time(errorPeer)}: {error / errorPeer:0.000}× peer. Over the SDK's own capture on its SDK: the library {Time(error - gatewayzFloor)} (floor {Time(gatewayzFloor)}), the peer {Time(errorPeer - peerFloor)} (floor {Time(peerFloor)})"),
                "≤ 1× peer",
                error <= errorPeer));
        }

        var (gatewayzCpu, peerCpu) = CpuMedians(Pattern(cpu.FirstOrDefault(r => r.PerSecond > 0)));
        var allReceived = cpu.All(r => r.Received == r.Logged && r.Duplicates == 0);
        _targets.Add(new Target(
            Invariant($"Whole-process CPU per event at {Scenarios.PacedRate:N0} errors/s (median of runs)"),
            Invariant($"{gatewayzCpu:0.0} µs vs {peerCpu:0.0} µs: {gatewayzCpu / peerCpu:0.00}× peer; every event received once: {(allReceived ? "yes" : "no")}"),
            "≤ 1× peer, nothing dropped",
            gatewayzCpu <= peerCpu && allReceived));

        var burst = cpu.Where(r => Pattern(r) == "burst").ToArray();
        if (burst.Length > 0)
        {
            var (gatewayzBurst, peerBurst) = CpuMedians("burst");
            _targets.Add(new Target(
                Invariant($"Whole-process CPU per event, burst of {burst[0].Logged:N0} (median of runs)"),
                Invariant($"{gatewayzBurst:0.0} µs vs {peerBurst:0.0} µs: {gatewayzBurst / peerBurst:0.00}× peer"),
                "≤ 1× peer",
                gatewayzBurst <= peerBurst));
        }

        var crumbFloor = Mean("BreadcrumbBenchmarks", Floor);
        var crumbPeer = Mean("BreadcrumbBenchmarks", PeerMethod);
        var crumbSdk = Mean("BreadcrumbBenchmarks", "Sdk_AddBreadcrumb_alone");
        var crumbFloorWithSdk = Mean("BreadcrumbBenchmarks", "Serilog_null_sink_Sentry_initialised");
        foreach (var (api, method) in new[] { ("Serilog API", "Gatewayz_Serilog"), ("MEL API", "Gatewayz_MEL") })
        {
            var crumb = Mean("BreadcrumbBenchmarks", method);
            var bytes = Bytes(AllocatedBy("BreadcrumbBenchmarks", method));
            AddRatio($"Information → breadcrumb ({api})", crumb, crumbPeer, "peer", 0.5, $"{bytes} (peer {Bytes(AllocatedBy("BreadcrumbBenchmarks", PeerMethod))})",
                Invariant($"The floor and the SDK's own AddBreadcrumb alone ({Time(crumbSdk)}) add up to {Time(crumbFloor + crumbSdk)}, {(crumbFloor + crumbSdk) / crumbPeer:0.000}× peer, before the library does anything. The floor in a process where the Sentry SDK runs: {Time(crumbFloorWithSdk)}, {crumbFloorWithSdk / crumbFloor:0.000}× the floor"));
            AddRatio($"Information → breadcrumb ({api})", crumb, crumbFloor, "Serilog null sink", 2, $"{bytes} (floor {Bytes(AllocatedBy("BreadcrumbBenchmarks", Floor))})");
        }

        var logFloor = Mean("LogLineBenchmarks", Floor);
        var logPeer = Mean("LogLineBenchmarks", "Peer_SentryExtensionsLogging_log_line");
        // Beside each line: what the SDK's structured logger costs alone with the same body and
        // attributes, and the library's share over it (everything else the line costs, the breadcrumb included).
        var sdkLogger = Mean("LogLineBenchmarks", "Sdk_structured_logger_alone");
        var sdkBoth = Mean("LogLineBenchmarks", "Sdk_breadcrumb_and_log_line_alone");
        foreach (var (api, method) in new[] { ("Serilog API", "Gatewayz_Serilog_log_line"), ("MEL API", "Gatewayz_MEL_log_line") })
        {
            var line = Mean("LogLineBenchmarks", method);
            _targets.Add(new Target(
                $"Information → Sentry log line ({api})",
                Invariant($"{Time(line)} vs {Time(logPeer)}: {line / logPeer:0.000}× peer with logs on, {Bytes(AllocatedBy("LogLineBenchmarks", method))} per line (peer {Bytes(AllocatedBy("LogLineBenchmarks", "Peer_SentryExtensionsLogging_log_line"))}). The SDK's structured logger alone {Time(sdkLogger)}, {Bytes(AllocatedBy("LogLineBenchmarks", "Sdk_structured_logger_alone"))}; the library's share over it {Time(line - sdkLogger)}. The floor and both of the SDK's calls alone (breadcrumb and log line, {Time(sdkBoth)}) add up to {Time(logFloor + sdkBoth)}, {(logFloor + sdkBoth) / logPeer:0.000}× peer, before the library does anything"),
                "≤ 1× peer with logs on",
                line <= logPeer));
            AddRatio($"Information → Sentry log line ({api})", line, logFloor, "Serilog null sink", 3);
        }
        var disabledWithLogsBytes = AllocatedBy("LogLineBenchmarks", "Gatewayz_disabled_level");
        _targets.Add(new Target("Disabled level with logs on (Serilog API)", Bytes(disabledWithLogsBytes), "0 B", disabledWithLogsBytes == 0));

        var disabledFloor = Mean("DisabledLevelBenchmarks", Floor);
        foreach (var (api, method) in new[] { ("Serilog API", "Gatewayz_Serilog"), ("MEL API", "Gatewayz_MEL") })
        {
            var bytes = AllocatedBy("DisabledLevelBenchmarks", method);
            var mean = Mean("DisabledLevelBenchmarks", method);
            var peerMean = Mean("DisabledLevelBenchmarks", PeerMethod);
            // MEL adds its own dispatch before any provider is asked; the peer pays the same.
            var reference = method == "Gatewayz_MEL" ? peerMean : disabledFloor;
            var referenceName = method == "Gatewayz_MEL" ? "MEL with the peer" : "Serilog null sink";
            _targets.Add(new Target(
                $"Disabled level ({api})",
                Invariant($"{Time(mean)} vs {Time(reference)} ({referenceName}): {mean / reference:0.00}×, {Bytes(bytes)}"),
                "0 B; time within 10% or 0.5 ns",
                bytes == 0 && (mean <= reference * 1.10 || mean - reference <= 0.5)));
        }

        var bare = Mean("ThrowSiteBenchmarks", "Bare_throw_catch");
        var notification = Mean("ThrowSiteBenchmarks", "Throw_catch_with_empty_first_chance_handler");
        var snapshot = Mean("ThrowSiteBenchmarks", "Throw_catch_with_snapshot");
        _targets.Add(new Target(
            "Throw-site snapshot, cost per throw",
            Invariant($"{Time(snapshot - bare)} on a {Time(bare)} throw and catch: {(snapshot - bare) / bare:P1} (of which the runtime's first-chance notification to an empty handler: {Time(notification - bare)}, {(notification - bare) / bare:P1}; the snapshot's own work: {Time(snapshot - notification)})"),
            "≤ 10% of a bare throw and catch",
            (snapshot - bare) / bare <= 0.10));

        var copy = Mean("TransactionRedactionBenchmarks", "Copy_only");
        var serialized = Mean("TransactionRedactionBenchmarks", "Copy_and_serialize");
        var redacted = Mean("TransactionRedactionBenchmarks", "Copy_and_redact");
        _targets.Add(new Target(
            "Transaction of 100 spans redacted, against its serialization",
            Invariant($"redacting {Time(redacted - copy)}, writing its JSON {Time(serialized - copy)} (each over the copy from the tracer, {Time(copy)}): {(redacted - copy) / (serialized - copy):0.00}×"),
            "≤ 1× its serialization",
            redacted - copy <= serialized - copy));

        var gatewayzStorm = storms.FirstOrDefault(s => s.Pipeline == Scenarios.Gatewayz);
        var peerStorm = storms.FirstOrDefault(s => s.Pipeline == Scenarios.Peer);
        if (gatewayzStorm is not null && peerStorm is not null)
        {
            AddRatio(Invariant($"Storm of {gatewayzStorm.Logged:N0} identical errors, calling thread"), gatewayzStorm.CallingMilliseconds * 1e6, peerStorm.CallingMilliseconds * 1e6, "peer", 0.05);
            _targets.Add(new Target("Storm: events sent", Invariant($"{gatewayzStorm.Received:N0} (peer: {peerStorm.Received:N0})"), "< 1,000", gatewayzStorm.Received < 1000));
            var growth = gatewayzStorm.HeapKilobytesAtEnd - gatewayzStorm.HeapKilobytesAtTenth;
            _targets.Add(new Target("Storm: memory", Invariant($"heap {gatewayzStorm.HeapKilobytesAtTenth:N0} KB after 10%, {gatewayzStorm.HeapKilobytesAtEnd:N0} KB at the end ({growth:+#,0;-#,0;0} KB)"), "flat (grows < 1 MB)", growth < 1024));
            _targets.Add(new Target("Storm: distinct errors", Invariant($"{gatewayzStorm.DistinctDelivered} of {gatewayzStorm.DistinctErrors} delivered"), "all", gatewayzStorm.DistinctErrors > 0 && gatewayzStorm.DistinctDelivered == gatewayzStorm.DistinctErrors));
        }
        AddRatio("Storm, per error after the budget is spent", Mean("StormBenchmarks", "Gatewayz_storm_control"), Mean("StormBenchmarks", PeerMethod), "peer", 0.05);
    }

    void AddRatio(string name, double measured, double baseline, string baselineName, double limit, string? allocated = null, string? note = null)
    {
        var ratio = measured / baseline;
        var text = Invariant($"{Time(measured)} vs {Time(baseline)}: {ratio:0.000}× {baselineName}") + (allocated is null ? "" : ", " + allocated + " per call") + (note is null ? "" : ". " + note);
        _targets.Add(new Target(name, text, Invariant($"≤ {limit}× {baselineName}"), ratio <= limit));
    }

    long AllocatedBy(string type, string method) => Find(type, method) is { } report ? Allocated(report) : -1;

    BenchmarkReport? Find(string type, string method) =>
        summaries.SelectMany(s => s.Reports).FirstOrDefault(r =>
            r.BenchmarkCase.Descriptor.Type.Name == type && r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method);

    double Mean(string type, string method) => Find(type, method) is { } report ? Mean(report) : double.NaN;

    static double Mean(BenchmarkReport report) => report.ResultStatistics?.Mean ?? double.NaN;

    static long Allocated(BenchmarkReport report) => report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1;

    (double Gatewayz, double Peer) CpuMedians(string pattern) =>
        (Median(cpu.Where(r => Pattern(r) == pattern && r.Pipeline == Scenarios.Gatewayz).Select(r => r.CpuMicrosecondsPerEvent)),
         Median(cpu.Where(r => Pattern(r) == pattern && r.Pipeline == Scenarios.Peer).Select(r => r.CpuMicrosecondsPerEvent)));

    static string Pattern(CpuResult? run) => run is null ? "" : run.PerSecond > 0 ? Invariant($"paced, {run.PerSecond:N0}/s") : "burst";

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }

    static string RatioText(double mean, BenchmarkReport? baseline) =>
        baseline is null ? "" : Invariant($"{mean / Mean(baseline):0.000}");

    static string Time(double nanoseconds) => double.IsNaN(nanoseconds) ? "n/a"
        : nanoseconds >= 1e6 ? Invariant($"{nanoseconds / 1e6:0.00} ms")
        : nanoseconds >= 1e3 ? Invariant($"{nanoseconds / 1e3:0.00} µs")
        : Invariant($"{nanoseconds:0.00} ns");

    static string Bytes(long bytes) => bytes < 0 ? "n/a" : Invariant($"{bytes:N0} B");

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    sealed record Target(string Name, string Measured, string Required, bool Met);
}
