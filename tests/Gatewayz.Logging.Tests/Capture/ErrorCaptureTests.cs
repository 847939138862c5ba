using System.Runtime.CompilerServices;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Gatewayz.Logging.Tests;

/// <summary>The wrapper: capture with context and the caller's name, rethrow the original untouched.</summary>
[Collection(SentrySdkCollection.Name)]
public sealed class ErrorCaptureTests
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    static string ThrowDeep() => throw new InvalidOperationException("provider returned garbage");

    [MethodImpl(MethodImplOptions.NoInlining)]
    static async Task<string> ThrowDeepAsync()
    {
        await Task.Yield();
        throw new TimeoutException("provider timed out");
    }

    [Fact]
    public void Run_captures_with_context_and_caller_then_rethrows_the_same_exception_with_its_stack()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<ErrorCaptureTests>();
        var request = new { Provider = "openrouter", Model = "gpt-4o" };

        var thrown = Assert.Throws<InvalidOperationException>(() =>
            ErrorCapture.Run(logger, "provider", () => ThrowDeep(), () => new { provider = request.Provider, model = request.Model }));

        Assert.Contains(nameof(ThrowDeep), thrown.StackTrace, StringComparison.Ordinal);
        var evt = sentry.Events.Single();
        Assert.Equal(nameof(Run_captures_with_context_and_caller_then_rethrows_the_same_exception_with_its_stack), evt.Tags["code.function"]);
        Assert.Equal("openrouter", evt.Contexts["provider"]["provider"]);
        Assert.Equal("gpt-4o", evt.Contexts["provider"]["model"]);
        Assert.Equal(evt.Tags["code.function"], evt.Contexts["provider"]["function"]);
        Assert.Equal("provider returned garbage", evt.Exception!.Value);
        Assert.False(evt.Tags.ContainsKey("function"));
    }

    [Fact]
    public async Task RunAsync_with_a_result_rethrows_the_original_exception_with_its_stack()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<ErrorCaptureTests>();

        var thrown = await Assert.ThrowsAsync<TimeoutException>(() => ErrorCapture.RunAsync(logger, "provider", ThrowDeepAsync, operation: "CompleteChat"));

        Assert.Contains(nameof(ThrowDeepAsync), thrown.StackTrace, StringComparison.Ordinal);
        var evt = sentry.Events.Single();
        Assert.Equal("CompleteChat", evt.Tags["code.function"]);
        Assert.Equal("CompleteChat failed", evt.Formatted);
        Assert.Equal("System.TimeoutException", evt.Exception!.Type);
    }

    [Fact]
    public async Task Successful_calls_return_their_result_and_capture_nothing()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<ErrorCaptureTests>();

        Assert.Equal(42, ErrorCapture.Run(logger, "x", () => 42));
        Assert.Equal("ok", await ErrorCapture.RunAsync(logger, "x", () => Task.FromResult("ok")));
        await ErrorCapture.RunAsync(logger, "x", () => Task.CompletedTask);

        Assert.Empty(sentry.Events);
    }

    [Fact]
    public void A_factory_that_throws_is_logged_as_a_warning_and_the_original_exception_still_wins()
    {
        using var sentry = SentryCapture.Start();
        var console = new CollectingSink();
        var logger = sentry.CreateSerilogLogger(configureLogger: c => c.WriteTo.Sink(console));

        var thrown = Assert.Throws<InvalidOperationException>(() =>
            ErrorCapture.Run(logger, "provider", () => ThrowDeep(), () => throw new FormatException("factory broke")));

        Assert.Equal("provider returned garbage", thrown.Message);
        var evt = sentry.Events.Single();
        Assert.Equal("provider returned garbage", evt.Exception!.Value);
        var warning = evt.Breadcrumbs.Single(b => b.Level == "warning");
        Assert.Contains("Building the provider context", warning.Message, StringComparison.Ordinal);
        Assert.Contains(console.Events, e => e.Exception is FormatException && e.Level == Serilog.Events.LogEventLevel.Warning);
    }

    [Fact]
    public async Task RunBackgroundAsync_captures_as_a_background_task_and_does_not_rethrow()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<ErrorCaptureTests>();

        await ErrorCapture.RunBackgroundAsync(logger, async () =>
        {
            await Task.Yield();
            throw new InvalidOperationException("reconciliation failed");
        }, () => new { job = "reconcile_credits" });

        var evt = sentry.Events.Single();
        Assert.Equal("reconcile_credits", evt.Contexts["background_task"]["job"]);
        Assert.Equal(nameof(RunBackgroundAsync_captures_as_a_background_task_and_does_not_rethrow), evt.Tags["code.function"]);
    }

    [Fact]
    public async Task The_Serilog_overloads_capture_the_same_way()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();

        Assert.Throws<InvalidOperationException>(() => ErrorCapture.Run(logger, "db", () => ThrowDeep()));
        await Assert.ThrowsAsync<TimeoutException>(() => ErrorCapture.RunAsync(logger, "db", ThrowDeepAsync));
        await Assert.ThrowsAsync<TimeoutException>(() => ErrorCapture.RunAsync(logger, "db", () => (Task)ThrowDeepAsync()));
        Assert.Throws<InvalidOperationException>(() => ErrorCapture.Run(logger, "db", () => { ThrowDeep(); }));
        await ErrorCapture.RunBackgroundAsync(logger, () => ThrowDeepAsync());

        var events = sentry.Events;
        Assert.Equal(5, events.Count);
        Assert.All(events, e => Assert.Equal(nameof(The_Serilog_overloads_capture_the_same_way), e.Tags["code.function"]));
        Assert.Equal(4, events.Count(e => e.Contexts.ContainsKey("db")));
        Assert.Single(events, e => e.Contexts.ContainsKey("background_task"));
    }
}
