using System.Text;
using System.Text.Json;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Sentry;

namespace Gatewayz.Logging.Tests;

/// <summary>
/// The library captures on the thread that logged, through a copy of the current scope: each event
/// must carry the trace, span and dynamic sampling context that the SDK's own capture gives at the
/// same point. Each case logs through the library and captures with <c>IHub.CaptureException</c> (the
/// peer) at the same point, then changes the trace state, which must not reach either event.
/// </summary>
[Collection(SentrySdkCollection.Name)]
public sealed class TraceEquivalenceTests
{
    const string ContinuedTraceId = "75302ac48a024bde9a3b3734a82e36c8";
    const string ContinuedSpanId = "1000000000000001";

    public static TheoryData<string> Cases =>
    [
        "no transaction",
        "no transaction, message only",
        "transaction finished after the call",
        "span finished before the call",
        "span finished after the call",
        "span started after the call",
        "span started after the call, message only",
        "sentry-trace header continued",
        "sentry-trace header continued into a transaction finished after the call",
        "unsampled transaction",
        "unsampled transaction, message only",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_event_carries_the_trace_span_and_sampling_context_that_a_synchronous_capture_gives(string situation)
    {
        using var sentry = SentryCapture.Start(o => o.TracesSampler = context => context.TransactionContext.Name == "unsampled" ? 0.0 : 1.0);
        var logger = sentry.CreateSerilogLogger();
        var hub = sentry.Hub;

        var messageOnly = situation.EndsWith("message only", StringComparison.Ordinal);
        var after = Arrange(hub, situation);
        SentryId peerId;
        using (hub.PushScope())
        {
            if (messageOnly)
            {
                logger.Error("logged by the app");
                peerId = hub.CaptureMessage("captured by the peer", SentryLevel.Error);
            }
            else
            {
                logger.Error(new InvalidOperationException("logged"), "logged by the app");
                peerId = hub.CaptureException(new InvalidOperationException("captured"));
            }
        }
        after();

        var library = Sent(sentry, sentry.Events.Single(e => e.Message == "logged by the app").EventId);
        var peer = Sent(sentry, peerId);
        Assert.Equal(peer.Trace, library.Trace);
        Assert.Equal(peer.SamplingContext, library.SamplingContext);
        Assert.NotNull(peer.SamplingContext);
    }

    /// <summary>Sets up the trace state of <paramref name="situation"/>; returns what changes it after the call.</summary>
    static Action Arrange(IHub hub, string situation)
    {
        switch (situation.Replace(", message only", "", StringComparison.Ordinal))
        {
            case "no transaction":
                return () => { };
            case "transaction finished after the call":
            {
                var transaction = Begin(hub, "checkout");
                return transaction.Finish;
            }
            case "span finished before the call":
            {
                var transaction = Begin(hub, "checkout");
                var span = transaction.StartChild("db.query");
                hub.ConfigureScope(s => s.Span = span);
                span.Finish();
                return transaction.Finish;
            }
            case "span finished after the call":
            {
                var transaction = Begin(hub, "checkout");
                var span = transaction.StartChild("db.query");
                hub.ConfigureScope(s => s.Span = span);
                return () =>
                {
                    span.Finish();
                    transaction.Finish();
                };
            }
            case "span started after the call":
            {
                var transaction = Begin(hub, "checkout");
                return () =>
                {
                    var span = transaction.StartChild("http.client");
                    hub.ConfigureScope(s => s.Span = span);
                };
            }
            case "sentry-trace header continued":
                hub.ContinueTrace($"{ContinuedTraceId}-{ContinuedSpanId}-1", $"sentry-trace_id={ContinuedTraceId},sentry-public_key=public,sentry-sample_rate=1,sentry-sampled=true,sentry-release=upstream@1");
                return () => { };
            case "sentry-trace header continued into a transaction finished after the call":
            {
                var context = hub.ContinueTrace($"{ContinuedTraceId}-{ContinuedSpanId}-1", $"sentry-trace_id={ContinuedTraceId},sentry-public_key=public,sentry-sample_rate=1,sentry-sampled=true,sentry-release=upstream@1", "POST /v1/chat/completions", "http.server");
                var transaction = hub.StartTransaction(context);
                hub.ConfigureScope(s => s.Transaction = transaction);
                return transaction.Finish;
            }
            case "unsampled transaction":
            {
                var transaction = Begin(hub, "unsampled");
                Assert.False(transaction.IsSampled);
                return () => { };
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(situation), situation, null);
        }
    }

    static ITransactionTracer Begin(IHub hub, string name)
    {
        var transaction = hub.StartTransaction(name, "http.server");
        hub.ConfigureScope(s => s.Transaction = transaction);
        return transaction;
    }

    /// <summary>The event's trace context and its envelope's sampling context, as serialized.</summary>
    static (string Trace, string? SamplingContext) Sent(SentryCapture sentry, SentryId eventId)
    {
        Assert.NotEqual(SentryId.Empty, eventId);
        foreach (var envelope in sentry.Envelopes)
        {
            foreach (var item in envelope.Items.Where(i => i.Type == "event"))
            {
                using var payload = JsonDocument.Parse(item.Payload);
                if (payload.RootElement.GetProperty("event_id").GetString() != eventId.ToString())
                    continue;
                var trace = payload.RootElement.GetProperty("contexts").GetProperty("trace");
                var ids = new StringBuilder();
                foreach (var name in new[] { "trace_id", "span_id", "parent_span_id" })
                    ids.Append(name).Append('=').Append(trace.TryGetProperty(name, out var value) ? value.GetString() : "(none)").Append(' ');
                var dsc = envelope.Header.TryGetProperty("trace", out var header) ? header.GetRawText() : null;
                return (ids.ToString(), dsc);
            }
        }
        throw new InvalidOperationException($"no envelope holds event {eventId}");
    }
}
