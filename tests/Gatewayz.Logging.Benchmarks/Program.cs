using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Gatewayz.Logging.Benchmarks;
using Perfolizer.Horology;

// dotnet run -c Release --project tests/Gatewayz.Logging.Benchmarks [-- --short] [BenchmarkDotNet arguments]
// With no --filter, every benchmark and process measurement runs; the full run rewrites
// docs/benchmarks.md, the short one (under two minutes, noisier) writes its report beside the artifacts.
if (args is ["--measure", var scenario, var pipeline, var count])
    return Scenarios.Run(scenario, pipeline, int.Parse(count, CultureInfo.InvariantCulture));

var isShort = args.Contains("--short");
var benchmarkArgs = args.Where(a => a != "--short").ToArray();
var job = isShort
    ? Job.Default.WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(5).WithIterationTime(TimeInterval.FromMilliseconds(100)).WithId("Short")
    : Job.Default.WithLaunchCount(1).WithWarmupCount(10).WithIterationCount(20).WithIterationTime(TimeInterval.FromMilliseconds(250)).WithId("Full");
var artifacts = Path.Combine(Path.GetTempPath(), "Gatewayz.Logging.Benchmarks");
ManualConfig Config(Job measuredBy) => ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(measuredBy)
    .WithOptions(ConfigOptions.JoinSummary)
    .WithArtifactsPath(artifacts);

// The per-line rows take a few hundred nanoseconds, and one process's mean of them moves between
// processes by more than their targets' margins (code layout, tiered compilation): the full run
// measures them in three processes each and reports the mean over all three.
Type[] perLine =
[
    typeof(DisabledLevelBenchmarks),
    typeof(BreadcrumbBenchmarks),
    typeof(BreadcrumbInOpenScopeBenchmarks),
    typeof(LogLineBenchmarks),
];
Type[] perEvent =
[
    typeof(ErrorEventBenchmarks),
    typeof(CaptureHelperBenchmarks),
    typeof(ThrowSiteBenchmarks),
    typeof(RedactionBenchmarks),
    typeof(TransactionRedactionBenchmarks),
    typeof(StormBenchmarks),
];
Summary[] summaries =
[
    .. BenchmarkRunner.Run(perLine, Config(isShort ? job : job.WithLaunchCount(3)), benchmarkArgs),
    .. BenchmarkRunner.Run(perEvent, Config(job), benchmarkArgs),
];
if (benchmarkArgs.Length > 0)
    return 0;

var runs = isShort ? 1 : 5;
var events = isShort ? 2_000 : 5_000;
var cpu = new List<CpuResult>();
foreach (var pattern in new[] { "cpu-paced", "cpu-burst" })
{
    for (var run = 0; run < runs; run++)
    {
        foreach (var name in new[] { Scenarios.Gatewayz, Scenarios.Peer })
        {
            Console.WriteLine($"// {pattern}: {name}, run {run + 1} of {runs}");
            cpu.Add(ChildProcess.Measure<CpuResult>(pattern, name, events, jitOutOfTheWay: true));
        }
    }
}
var storms = new List<StormResult>();
foreach (var name in new[] { Scenarios.Gatewayz, Scenarios.Peer })
{
    Console.WriteLine($"// Storm of 20,000 errors: {name}");
    storms.Add(ChildProcess.Measure<StormResult>("storm", name, 20_000));
}

var report = new Report(summaries, cpu, storms, isShort ? "short" : "full");
var markdown = report.ToMarkdown();
var path = isShort ? Path.Combine(artifacts, "benchmarks.md") : Path.Combine(FindRepositoryRoot(), "docs", "benchmarks.md");
Directory.CreateDirectory(Path.GetDirectoryName(path)!);
File.WriteAllText(path, markdown);
Console.WriteLine(markdown);
Console.WriteLine($"// Written to {path}");
return report.AllMet ? 0 : 1;

static string FindRepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Gatewayz.Logging.sln")))
            return directory.FullName;
    }
    return Directory.GetCurrentDirectory();
}
