using Gatewayz.Logging.Sinks;
using Sentry;
using Serilog.Events;
using Serilog.Parsing;

namespace Gatewayz.Logging.Tests;

/// <summary>The background worker's queue: what it accepts, drops, reports, and what a flush waits for.</summary>
public sealed class CaptureWorkerTests
{
    static readonly TimeSpan Liveness = TimeSpan.FromSeconds(10);

    static CaptureWork Work() => new(
        new LogEvent(DateTimeOffset.Now, LogEventLevel.Error, null, new MessageTemplateParser().Parse("Failure"), []),
        PreparedEvent.For(null), null, Environment.CurrentManagedThreadId, null, StormVerdict.SendIt);

    [Fact]
    public async Task A_flush_waits_for_the_report_of_dropped_events_as_well_as_for_the_queue()
    {
        using var processing = new SemaphoreSlim(0);
        using var release = new ManualResetEventSlim();
        using var reportStarted = new ManualResetEventSlim();
        using var reportRelease = new ManualResetEventSlim();
        var reported = new List<long>();
        using var worker = new CaptureWorker(1, _ =>
        {
            processing.Release();
            release.Wait(Liveness);
        });
        worker.OnDropped(dropped =>
        {
            reportStarted.Set();
            reportRelease.Wait(Liveness);
            lock (reported)
                reported.Add(dropped);
        });

        Assert.True(worker.TryEnqueue(Work()));
        Assert.True(await processing.WaitAsync(Liveness), "the worker should have taken the first event");
        Assert.True(worker.TryEnqueue(Work()));
        Assert.False(worker.TryEnqueue(Work()));
        Assert.Equal(1, worker.Dropped);

        var flush = worker.FlushAsync(Liveness);
        release.Set();
        Assert.True(reportStarted.Wait(Liveness), "the worker should report the dropped event once the queue is empty");
        Assert.Equal(0, worker.Pending);
        // Every event has reached the SDK, the report has not: the flush is not over.
        await Task.WhenAny(flush, Task.Delay(TimeSpan.FromMilliseconds(300)));
        Assert.False(flush.IsCompleted, "the flush ended before the report of the dropped event was handed over");

        reportRelease.Set();
        Assert.True(await flush);
        lock (reported)
            Assert.Equal([1L], reported);
    }

    [Fact]
    public async Task A_flush_of_a_worker_that_dropped_nothing_ends_when_the_queue_is_empty()
    {
        var processed = 0;
        using var worker = new CaptureWorker(10, _ => Interlocked.Increment(ref processed));
        worker.OnDropped(_ => Assert.Fail("nothing was dropped"));

        for (var i = 0; i < 5; i++)
            Assert.True(worker.TryEnqueue(Work()));

        Assert.True(await worker.FlushAsync(Liveness));
        Assert.Equal(5, Volatile.Read(ref processed));
        Assert.Equal(0, worker.Dropped);
    }

    [Fact]
    public async Task A_flush_never_waits_out_its_timeout_for_events_dropped_after_the_worker_stopped()
    {
        var worker = new CaptureWorker(10, _ => { });
        worker.OnDropped(_ => { });
        worker.Dispose();
        Assert.False(worker.TryEnqueue(Work()));
        Assert.Equal(1, worker.Dropped);

        // Whether the stopping worker still reported the drop or not, the flush ends at once.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await worker.FlushAsync(TimeSpan.FromSeconds(30));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the flush took {clock.Elapsed}");
    }
}
