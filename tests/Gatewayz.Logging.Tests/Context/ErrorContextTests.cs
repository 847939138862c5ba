using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Gatewayz.Logging.Tests;

[Collection(SentrySdkCollection.Name)]
public sealed class ErrorContextTests
{
    [Fact]
    public void Events_inside_carry_the_context_and_tag_and_no_event_after_does()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<ErrorContextTests>();

        using (ErrorContext.Push("database", new { operation = "insert", table = "users" }))
        using (ErrorContext.PushTag("tenant", "acme"))
            logger.LogError("Inside");
        logger.LogError("After");

        var events = sentry.Events;
        var inside = events.Single(e => e.Message == "Inside");
        Assert.Equal(new Dictionary<string, object?> { ["operation"] = "insert", ["table"] = "users" }, inside.Contexts["database"]);
        Assert.Equal("acme", inside.Tags["tenant"]);
        var after = events.Single(e => e.Message == "After");
        Assert.False(after.Contexts.ContainsKey("database"));
        Assert.Empty(after.Tags);
    }

    [Fact]
    public void Nested_pushes_of_the_same_context_merge_with_inner_values_winning()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<ErrorContextTests>();

        using (ErrorContext.Push("provider", new Dictionary<string, object?> { ["provider_name"] = "openrouter", ["model"] = "gpt-4o" }))
        {
            using (ErrorContext.Push("provider", new { model = "gpt-4o-mini", attempt = 2 }))
            using (ErrorContext.PushTag("provider", "openrouter"))
            using (ErrorContext.PushTag("gateway", "eu"))
            using (ErrorContext.PushTag("gateway", "us"))
                logger.LogError("Inner");
            logger.LogError("Outer");
        }

        var events = sentry.Events;
        var inner = events.Single(e => e.Message == "Inner");
        Assert.Equal(new Dictionary<string, object?> { ["provider_name"] = "openrouter", ["model"] = "gpt-4o-mini", ["attempt"] = 2L }, inner.Contexts["provider"]);
        Assert.Equal(new Dictionary<string, string> { ["provider"] = "openrouter", ["gateway"] = "us" }, inner.Tags);
        var outer = events.Single(e => e.Message == "Outer");
        Assert.Equal(new Dictionary<string, object?> { ["provider_name"] = "openrouter", ["model"] = "gpt-4o" }, outer.Contexts["provider"]);
        Assert.Empty(outer.Tags);
    }

    [Fact]
    public void A_context_and_a_tag_of_the_same_name_both_arrive()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<ErrorContextTests>();

        using (Serilog.Context.LogContext.PushProperty("provider", "portkey"))
        using (ErrorContext.Push("provider", new { provider_name = "portkey", region = "eu" }))
            logger.LogError("Failed");

        var evt = sentry.Events.Single();
        Assert.Equal("portkey", evt.Tags["provider"]);
        Assert.Equal("eu", evt.Contexts["provider"]["region"]);
    }

    [Fact]
    public async Task The_context_flows_across_await_and_stays_in_its_own_flow()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<ErrorContextTests>();

        async Task WorkAsync(string tenant)
        {
            using (ErrorContext.PushTag("tenant", tenant))
            {
                await Task.Delay(5);
                logger.LogError("Work for {name}", tenant);
            }
        }
        await Task.WhenAll(WorkAsync("a"), WorkAsync("b"), WorkAsync("c"));

        Assert.All(sentry.Events, e => Assert.Equal(e.Contexts["log"]["name"], e.Tags["tenant"]));
    }

    [Fact]
    public void Bad_arguments_push_nothing_and_never_throw()
    {
        using var selfLog = new SelfLogRecorder();
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<ErrorContextTests>();

        using (ErrorContext.Push(null!, new { a = 1 }))
        using (ErrorContext.Push(" ", null))
        using (ErrorContext.PushTag("", "x"))
        using (ErrorContext.Push("empty", null))
            logger.LogError("Failed");

        var evt = sentry.Events.Single();
        Assert.Empty(evt.Tags);
        Assert.Contains("without a context type", selfLog.Text, StringComparison.Ordinal);
        Assert.Contains("without a key", selfLog.Text, StringComparison.Ordinal);
    }
}
