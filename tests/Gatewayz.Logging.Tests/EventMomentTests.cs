using Gatewayz.Logging.Sinks;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Serilog;

namespace Gatewayz.Logging.Tests;

/// <summary>
/// The logging thread decides an event's id and timestamp; the worker makes the event later. What
/// Sentry receives must carry the moment of the call and the id the helper returned, however late the
/// worker gets to it.
/// </summary>
[Collection(SentrySdkCollection.Name)]
public sealed class EventMomentTests
{
    [Fact]
    public void An_event_the_worker_reaches_late_keeps_the_id_returned_and_the_time_of_the_call()
    {
        using var gate = new WorkerGate();
        using var sentry = SentryCapture.Start(gate.InstallOn);
        var logger = sentry.CreateSerilogLogger();
        logger.Error(WorkerGate.Message);
        gate.WaitUntilHeld();

        var before = DateTimeOffset.UtcNow;
        var returned = logger.CaptureError(new InvalidOperationException("late"), "provider", new { name = "openrouter" });
        logger.Error(new TimeoutException("also late"), "Logged while the worker was held");
        var after = DateTimeOffset.UtcNow;
        Thread.Sleep(TimeSpan.FromMilliseconds(300));
        var released = DateTimeOffset.UtcNow;
        gate.Release();

        var helper = sentry.Events.Single(e => e.Exception?.Type == typeof(InvalidOperationException).FullName);
        var logged = sentry.Events.Single(e => e.Message == "Logged while the worker was held");
        Assert.Equal(returned, helper.EventId);
        foreach (var evt in new[] { helper, logged })
        {
            Assert.NotNull(evt.Timestamp);
            Assert.InRange(evt.Timestamp.Value, before, after);
            Assert.True(evt.Timestamp < released);
        }
    }

    [Fact]
    public void Event_ids_are_distinct_random_uuids()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => EventIds.Next()).ToArray();

        Assert.Equal(ids.Length, ids.Distinct().Count());
        foreach (var id in ids)
        {
            var text = id.ToString();
            Assert.Matches("^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$", text);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_prepared_event_is_made_with_the_id_decided_at_the_call_on_the_worker_or_at_once(bool onWorker)
    {
        var before = DateTimeOffset.UtcNow;
        var prepared = PreparedEvent.For(new InvalidOperationException("boom"), onWorker);
        var after = DateTimeOffset.UtcNow;
        Thread.Sleep(50);
        var made = prepared.Make();

        Assert.True(PreparedEvent.MadeOnWorker);
        Assert.Equal(prepared.EventId, made.EventId);
        Assert.InRange(made.Timestamp, before, after);
        Assert.IsType<InvalidOperationException>(made.Exception);
    }
}
