using System.Diagnostics;
using System.Threading.Channels;
using Serilog.Debugging;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// A bounded queue and one background consumer. The logging thread only enqueues; mapping,
/// exception processing and serialization happen here. A full queue drops the newest event and
/// counts it, so the app never waits for Sentry.
/// </summary>
sealed class CaptureWorker : IDisposable
{
    readonly Channel<CaptureWork> _channel;
    readonly Action<CaptureWork> _process;
    readonly Func<Task>? _drain;
    readonly int _drainEvery;
    Action<long>? _reportDropped;
    long _droppedReported;
    readonly Task? _ready;
    readonly Task _loop;
    long _pending;
    long _dropped;

    /// <param name="capacity">How many events may wait.</param>
    /// <param name="process">Hands one event to the SDK.</param>
    /// <param name="drain">
    /// Waits for the SDK's own queue to empty. An SDK initialised elsewhere keeps its default queue
    /// of 30 envelopes, which a burst handed over at full speed would overflow; waiting after every
    /// <paramref name="drainEvery"/> events keeps the burst here, where it is bounded and counted.
    /// </param>
    /// <param name="drainEvery">How many events to hand over between waits; 0 never waits.</param>
    /// <param name="ready">Completes when events may be handed over (once it is settled who owns the SDK); until then they wait.</param>
    public CaptureWorker(int capacity, Action<CaptureWork> process, Func<Task>? drain = null, int drainEvery = 0, Task? ready = null)
    {
        _ready = ready;
        _process = process;
        _drain = drain;
        _drainEvery = drainEvery;
        _channel = Channel.CreateBounded<CaptureWork>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            AllowSynchronousContinuations = false,
        });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Called on the worker, once the queue has emptied, with the number of events dropped since the
    /// last call: losses are reported where they can be seen, never silent.
    /// </summary>
    public void OnDropped(Action<long> report) => _reportDropped = report;

    /// <summary>Events dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Events accepted and not yet handed to the Sentry SDK.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    public bool TryEnqueue(CaptureWork work)
    {
        Interlocked.Increment(ref _pending);
        if (_channel.Writer.TryWrite(work))
            return true;

        Interlocked.Decrement(ref _pending);
        var dropped = Interlocked.Increment(ref _dropped);
        if ((dropped & (dropped - 1)) == 0)
            SelfLog.WriteLine("Gatewayz.Logging: the capture queue is full or closed; {0} events dropped so far", dropped);
        return false;
    }

    /// <summary>
    /// Waits until every accepted event, and the report of every dropped one, has been handed to the
    /// SDK, or the timeout passes.
    /// </summary>
    public async Task<bool> FlushAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Pending > 0 || Dropped > Interlocked.Read(ref _droppedReported))
        {
            if (clock.Elapsed >= timeout || _loop.IsCompleted)
                return false;
            await Task.Delay(1).ConfigureAwait(false);
        }
        return true;
    }

    async Task RunAsync()
    {
        if (_ready is not null)
            await _ready.ConfigureAwait(false);
        var reader = _channel.Reader;
        var handedOver = 0;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var work))
            {
                if (_drain is not null && _drainEvery > 0 && ++handedOver % _drainEvery == 0)
                    await DrainAsync().ConfigureAwait(false);

                try
                {
                    SinkGuard.Run(_process, work, "failed to send an event to Sentry");
                }
                finally
                {
                    Interlocked.Decrement(ref _pending);
                }
            }
            ReportDropped();
        }
        ReportDropped();
    }

    void ReportDropped()
    {
        var dropped = Dropped;
        var unreported = dropped - _droppedReported;
        if (unreported <= 0)
            return;
        if (_reportDropped is { } report)
            SinkGuard.Run(report, unreported, "reporting dropped events failed");
        // Only now: a flush that saw the queue empty still waits for the report to reach the SDK.
        Interlocked.Exchange(ref _droppedReported, dropped);
    }

    async Task DrainAsync()
    {
        try
        {
            await _drain!().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: waiting for the Sentry SDK's queue failed: {0}", ex);
        }
    }

    /// <summary>Stops accepting events; what is queued is still processed.</summary>
    public void Dispose() => _channel.Writer.TryComplete();
}
