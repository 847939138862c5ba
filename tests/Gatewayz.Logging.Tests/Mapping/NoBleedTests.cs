using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.Extensions.Logging;
using Sentry;
using Serilog.Context;

namespace Gatewayz.Logging.Tests;

/// <summary>A property of one log event or scope never appears on another event.</summary>
[Collection(SentrySdkCollection.Name)]
public sealed class NoBleedTests
{
    [Fact]
    public void The_next_event_carries_nothing_of_the_previous_scope()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();

        using (LogContext.PushProperty("provider", "openrouter"))
        using (LogContext.PushProperty("payment", new { amount = 10 }, destructureObjects: true))
        using (LogContext.PushProperty("attempt", 3))
            logger.Error("First");
        logger.Error("Second {detail}", "only here");
        logger.Error("Third");

        var events = sentry.Events;
        var second = events.Single(e => e.Message == "Second {detail}");
        var third = events.Single(e => e.Message == "Third");
        Assert.Empty(second.Tags);
        Assert.False(second.Contexts.ContainsKey("payment"));
        Assert.Equal(["detail"], second.Contexts["log"].Keys);
        Assert.Empty(third.Tags);
        Assert.False(third.Contexts.ContainsKey("log"));
    }

    [Fact]
    public async Task Fifty_concurrent_tasks_each_get_only_their_own_properties()
    {
        using var sentry = SentryCapture.Start();
        var serilog = sentry.CreateSerilogLogger();
        var mel = sentry.CreateLoggerFactory().CreateLogger("Gatewayz.Router");
        using var start = new ManualResetEventSlim();

        var tasks = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            start.Wait();
            using var _ = SentrySdk.PushScope();
            using (LogContext.PushProperty("provider", $"provider-{i}"))
            using (mel.BeginScope(new Dictionary<string, object> { ["table"] = $"table-{i}" }))
            using (LogContext.PushProperty("job", new { id = i }, destructureObjects: true))
            {
                serilog.Information("Routing task {task}", i);
                await Task.Yield();
                if (i % 2 == 0)
                    serilog.Error("Task {task} failed", i);
                else
                    mel.LogError("Task {task} failed", i);
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(tasks);

        var events = sentry.Events;
        Assert.Equal(50, events.Count);
        foreach (var evt in events)
        {
            var task = (long)evt.Contexts["log"]["task"]!;
            Assert.Equal($"provider-{task}", evt.Tags["provider"]);
            Assert.Equal(task, evt.Contexts["job"]["id"]);
            if (task % 2 == 1)
                Assert.Equal($"table-{task}", evt.Tags["table"]);
            else
                Assert.False(evt.Tags.ContainsKey("table"));
            var crumb = Assert.Single(evt.Breadcrumbs);
            Assert.Equal($"Routing task {task}", crumb.Message);
        }
    }
}
