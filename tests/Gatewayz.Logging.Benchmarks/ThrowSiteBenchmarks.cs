using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>
/// What the throw-site snapshot adds to every throw in the process, against a bare throw and catch
/// in the same three-property scope. Between them, a first-chance handler that does nothing: what
/// the runtime charges any subscriber to raise the notification, before the handler's own work. The
/// subscriptions are process-wide, so each case runs in its own process (BenchmarkDotNet's default).
/// </summary>
[MemoryDiagnoser]
public class ThrowSiteBenchmarks : PipelineBenchmark
{
    [GlobalSetup(Target = nameof(Bare_throw_catch))]
    public void SetupBare() => UseSerilog(Pipelines.SerilogFloor(), inScope: true);

    [GlobalSetup(Target = nameof(Throw_catch_with_empty_first_chance_handler))]
    public void SetupEmptyHandler()
    {
        SetupBare();
        AppDomain.CurrentDomain.FirstChanceException += static (_, _) => { };
    }

    [GlobalSetup(Target = nameof(Throw_catch_with_snapshot))]
    public void SetupSnapshot() => UseSerilog(Pipelines.Gatewayz(throwSite: true), inScope: true);

    [Benchmark(Baseline = true)]
    public Exception? Bare_throw_catch() => ThrowAndCatch();

    [Benchmark]
    public Exception? Throw_catch_with_empty_first_chance_handler() => ThrowAndCatch();

    [Benchmark]
    public Exception? Throw_catch_with_snapshot() => ThrowAndCatch();

    static Exception? ThrowAndCatch()
    {
        try
        {
            Fail();
            return null;
        }
        catch (InvalidOperationException ex)
        {
            return ex;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Fail() => throw new InvalidOperationException("upstream returned 502");
}
