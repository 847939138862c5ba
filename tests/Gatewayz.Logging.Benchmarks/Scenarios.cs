using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sentry;
using Serilog;
using Serilog.Context;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>
/// Measurements that a per-call benchmark cannot make, each run in a fresh process so that one
/// pipeline's SDK, threads and heap never touch another's: the whole process's CPU per event,
/// background work included, and a storm of identical errors.
/// </summary>
public static class Scenarios
{
    public const string Gatewayz = "gatewayz";
    public const string Peer = "peer";

    const int Warmup = 1000;

    /// <summary>Runs one scenario in this process and prints its result as one JSON line.</summary>
    public static int Run(string scenario, string pipeline, int count)
    {
        object result = scenario switch
        {
            "cpu-burst" => CpuPerEvent(pipeline, count, perSecond: 0),
            "cpu-paced" => CpuPerEvent(pipeline, count, perSecond: PacedRate),
            "storm" => Storm(pipeline, count),
            _ => throw new ArgumentException($"Unknown scenario '{scenario}'.", nameof(scenario)),
        };
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result, result.GetType()));
        return 0;
    }

    public const string ResultPrefix = "RESULT ";

    /// <summary>Errors per second in the paced run: a bad minute for one instance of a gateway.</summary>
    public const int PacedRate = 1000;

    /// <summary>
    /// <paramref name="count"/> distinct errors logged at <paramref name="perSecond"/> (0: as fast as
    /// the thread can), then drained: CPU time of the whole process from the first call until the
    /// transport has every event. Both queues hold them all, so nothing is dropped and the counts
    /// can be checked. The parent runs this with tiered compilation off, so that no JIT work lands
    /// in the measurement.
    /// </summary>
    static CpuResult CpuPerEvent(string pipeline, int count, int perSecond)
    {
        var transport = new Pipelines.CountingTransport();
        var queue = count + Warmup;
        using var target = Target.Create(pipeline, transport, stormControl: false, queue);
        var failures = new Exception[queue];
        for (var i = 0; i < failures.Length; i++)
            failures[i] = ProviderFailure(i);

        // The same pattern as the measurement, so that every path it takes is compiled and warm.
        LogAll(target, failures.AsSpan(0, Warmup), perSecond);
        target.Drain();
        var before = transport.Events;

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var collectionsBefore = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        var fullBefore = GC.CollectionCount(2);
        var clock = Stopwatch.StartNew();
        var calling = LogAll(target, failures.AsSpan(Warmup), perSecond);
        target.Drain();
        var wall = clock.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var collections = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - collectionsBefore;

        return new CpuResult(pipeline, perSecond, count, transport.Events - before, transport.Duplicates,
            cpu.TotalMicroseconds / count, calling.TotalMicroseconds / count, wall.TotalMilliseconds,
            allocated / count, collections, GC.CollectionCount(2) - fullBefore);
    }

    /// <summary>Logs each failure, at the rate given (0: at once); returns the time spent in the logging calls.</summary>
    static TimeSpan LogAll(Target target, ReadOnlySpan<Exception> failures, int perSecond)
    {
        var clock = Stopwatch.StartNew();
        long callingTicks = 0;
        for (var i = 0; i < failures.Length; i++)
        {
            // Sleeping, so the pacing costs no CPU.
            if (perSecond > 0 && i % 10 == 0)
            {
                var due = TimeSpan.FromSeconds((double)i / perSecond) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                    Thread.Sleep(due);
            }
            var start = Stopwatch.GetTimestamp();
            target.Log(failures[i]);
            callingTicks += Stopwatch.GetTimestamp() - start;
        }
        return Stopwatch.GetElapsedTime(0, callingTicks);
    }

    /// <summary>
    /// A storm: <paramref name="count"/> errors thrown from one site, each a new exception, with a
    /// distinct error (its own operation) every thousandth, after one other error captured untimed (a
    /// service has usually captured one before: its compilation is not the storm's). Only the logging
    /// calls of the storm are timed.
    /// </summary>
    static StormResult Storm(string pipeline, int count)
    {
        var transport = new Pipelines.CountingTransport();
        using var target = Target.Create(pipeline, transport, stormControl: true, queue: 1000);
        // A service that has captured an error before: the first capture's compilation is not the storm's.
        target.LogDistinct(DatabaseFailure(), "warm-up");
        target.Drain();
        var warmedUp = transport.Events;
        var distinct = new List<SentryId>();
        long stormTicks = 0;
        long heapAtTenth = 0;

        for (var i = 0; i < count; i++)
        {
            if (i == count / 10)
            {
                heapAtTenth = GC.GetTotalMemory(forceFullCollection: true);
            }
            if (i % 1000 == 500)
                distinct.Add(target.LogDistinct(DatabaseFailure(), $"op-{i / 1000}"));

            var failure = ProviderFailure(i);
            var start = Stopwatch.GetTimestamp();
            target.Log(failure);
            stormTicks += Stopwatch.GetTimestamp() - start;
        }
        target.Drain();
        var heapAtEnd = GC.GetTotalMemory(forceFullCollection: true);

        var delivered = distinct.Count(id => id != SentryId.Empty && transport.Received(id));
        return new StormResult(pipeline, count, transport.Events - warmedUp, transport.Duplicates,
            Stopwatch.GetElapsedTime(0, stormTicks).TotalMilliseconds,
            heapAtTenth / 1024, heapAtEnd / 1024, distinct.Count, delivered);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static Exception ProviderFailure(int attempt)
    {
        try
        {
            throw new HttpRequestException($"Response status code does not indicate success: 502 (Bad Gateway), attempt {attempt}.");
        }
        catch (HttpRequestException ex)
        {
            return ex;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static Exception DatabaseFailure()
    {
        try
        {
            throw new TimeoutException("The users query timed out.");
        }
        catch (TimeoutException ex)
        {
            return ex;
        }
    }

    /// <summary>One pipeline, with the three-property scope of a provider call open.</summary>
    sealed class Target : IDisposable
    {
        readonly Serilog.Core.Logger? _serilog;
        readonly ILoggerFactory? _factory;
        readonly Microsoft.Extensions.Logging.ILogger? _mel;
        readonly IDisposable? _scope;

        Target(Serilog.Core.Logger? serilog, ILoggerFactory? factory)
        {
            _serilog = serilog;
            _factory = factory;
            if (factory is not null)
            {
                _mel = factory.CreateLogger("Gatewayz.Router");
                _scope = _mel.BeginScope(Pipelines.ScopeProperties);
            }
            else
            {
                Pipelines.PushSerilogScope();
            }
        }

        public static Target Create(string pipeline, Pipelines.CountingTransport transport, bool stormControl, int queue) => pipeline switch
        {
            Gatewayz => new Target(Pipelines.Gatewayz(stormControl: stormControl, maxQueueItems: queue, transport: transport), null),
            Peer => new Target(null, Pipelines.Peer(o =>
            {
                o.Transport = transport;
                o.MaxQueueItems = queue;
            })),
            _ => throw new ArgumentException($"Unknown pipeline '{pipeline}'.", nameof(pipeline)),
        };

        public void Log(Exception failure)
        {
            if (_mel is not null)
                MelMessages.Failed(_mel, "openrouter", failure);
            else
                _serilog!.Error(failure, "Provider {provider} request failed", "openrouter");
        }

        /// <summary>A different error: its own exception type, throw site, template and operation.</summary>
        public SentryId LogDistinct(Exception failure, string operation)
        {
            if (_serilog is not null)
                return _serilog.CaptureDatabaseError(failure, operation, "users");
            using (_mel!.BeginScope(new Dictionary<string, object> { ["operation"] = operation, ["table"] = "users" }))
                MelMessages.DatabaseFailed(_mel, operation, failure);
            return SentryId.Empty;
        }

        public void Drain() => Pipelines.Drain();

        public void Dispose()
        {
            _scope?.Dispose();
            _factory?.Dispose();
            _serilog?.Dispose();
        }
    }
}
