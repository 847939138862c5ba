using System.Runtime.CompilerServices;
using Gatewayz.Logging.Context;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Context;

namespace Gatewayz.Logging.Tests;

/// <summary>The case every Sentry.Serilog user hits: the scope is gone by the time the catch block logs.</summary>
[Collection(SentrySdkCollection.Name)]
public sealed class ThrowSiteTests
{
    static async Task CallProviderAsync(string message)
    {
        await Task.Delay(1);
        throw new HttpRequestException(message);
    }

    [Fact]
    public void A_throw_site_keeps_nothing_alive_once_its_exception_is_gone()
    {
        ThrowSites.Enable();

        var payload = ThrowAndForget();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // The execution context at the throw held the payload; it lives only as long as the exception.
        Assert.False(payload.IsAlive);
    }

    /// <summary>Throws and catches with a value in an AsyncLocal, then lets go of both; returns a weak reference to the value.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static WeakReference ThrowAndForget()
    {
        var request = new AsyncLocal<byte[]?>();
        var payload = new byte[64 * 1024];
        request.Value = payload;
        try
        {
            throw new InvalidOperationException("caught and forgotten");
        }
        catch (InvalidOperationException)
        {
        }
        request.Value = null;
        return new WeakReference(payload);
    }

    [Fact]
    public async Task LogContext_properties_active_at_the_throw_reach_the_catch_block_across_await()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<ThrowSiteTests>();

        try
        {
            using (LogContext.PushProperty("provider", "openrouter"))
            using (LogContext.PushProperty("upstream", new { endpoint = "/chat", status = 502 }, destructureObjects: true))
                await CallProviderAsync("502 Bad Gateway");
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Request failed");
        }

        var evt = sentry.Events.Single();
        Assert.Equal("openrouter", evt.Tags["provider"]);
        Assert.Equal(502L, evt.Contexts["upstream"]["status"]);
    }

    [Fact]
    public async Task ErrorContext_active_at_the_throw_reaches_the_catch_block()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<ThrowSiteTests>();

        try
        {
            using (ErrorContext.Push("database", new { operation = "insert", table = "users" }))
            using (ErrorContext.PushTag("table", "users"))
                await CallProviderAsync("duplicate key");
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Insert failed");
        }

        var evt = sentry.Events.Single();
        Assert.Equal("users", evt.Tags["table"]);
        Assert.Equal("insert", evt.Contexts["database"]["operation"]);
    }

    [Fact]
    public async Task BeginScope_active_at_the_throw_reaches_the_catch_block()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<ThrowSiteTests>();

        try
        {
            using (logger.BeginScope(new Dictionary<string, object> { ["provider"] = "together" }))
            using (logger.BeginScope(new Dictionary<string, string> { ["model_id"] = "meta-llama/llama-3.1-70b" }))
            using (logger.BeginScope("Routing attempt {attempt}", 3))
                await CallProviderAsync("upstream reset");
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Request failed");
        }

        var evt = sentry.Events.Single();
        Assert.Equal("together", evt.Tags["provider"]);
        Assert.Equal("meta-llama/llama-3.1-70b", evt.Tags["model_id"]);
        Assert.Equal(3L, evt.Contexts["log"]["attempt"]);
    }

    [Fact]
    public void A_wrapping_exception_thrown_in_the_catch_keeps_the_inner_throw_site()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<ThrowSiteTests>();

        try
        {
            try
            {
                using (LogContext.PushProperty("provider", "featherless"))
                    throw new TimeoutException("slow");
            }
            catch (TimeoutException inner)
            {
                throw new InvalidOperationException("Provider failed", inner);
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Request failed");
        }

        Assert.Equal("featherless", sentry.Events.Single().Tags["provider"]);
    }

    [Fact]
    public void A_rethrow_in_another_scope_keeps_the_first_throw_site()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<ThrowSiteTests>();

        try
        {
            ThrowThenRethrowElsewhere();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Request failed");
        }

        Assert.Equal("first-throw", sentry.Events.Single().Tags["provider"]);
    }

    [Fact]
    public void A_rethrown_inner_exception_keeps_its_first_throw_site_when_it_is_wrapped()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<ThrowSiteTests>();

        try
        {
            try
            {
                ThrowThenRethrowElsewhere();
            }
            catch (TimeoutException inner)
            {
                throw new InvalidOperationException("Provider failed", inner);
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Request failed");
        }

        Assert.Equal("first-throw", sentry.Events.Single().Tags["provider"]);
    }

    /// <summary>Throws in a <c>first-throw</c> scope and rethrows from a <c>rethrown-elsewhere</c> one.</summary>
    static void ThrowThenRethrowElsewhere()
    {
        using (LogContext.PushProperty("provider", "rethrown-elsewhere"))
        {
            try
            {
                using (LogContext.PushProperty("provider", "first-throw"))
                    throw new TimeoutException("slow");
            }
            catch (TimeoutException)
            {
                throw;
            }
        }
    }

    [Fact]
    public void A_throw_site_is_remembered_as_long_as_its_exception_lives_however_many_throws_follow()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<ThrowSiteTests>();
        Exception? recent = null;
        Exception? old = null;

        try
        {
            using (LogContext.PushProperty("provider", "long-ago"))
                throw new TimeoutException("logged after many other throws");
        }
        catch (Exception ex)
        {
            old = ex;
        }
        for (var i = 0; i < 1_000; i++)
        {
            try
            {
                using (LogContext.PushProperty("provider", "recent"))
                    throw new InvalidOperationException("one of many");
            }
            catch (Exception ex)
            {
                recent = ex;
            }
        }

        logger.LogError(old, "Old failure");
        logger.LogError(recent, "Recent failure");

        // The 999 exceptions nobody holds took their sites with them (A_throw_site_keeps_nothing_alive...).
        var events = sentry.Events;
        Assert.Equal("long-ago", events.Single(e => e.Message == "Old failure").Tags["provider"]);
        Assert.Equal("recent", events.Single(e => e.Message == "Recent failure").Tags["provider"]);
    }

    [Fact]
    public void For_a_wrapped_exception_the_innermost_throw_site_wins()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<ThrowSiteTests>();

        try
        {
            using (LogContext.PushProperty("provider", "outer-provider"))
            using (LogContext.PushProperty("gateway", "outer-only"))
            {
                try
                {
                    using (LogContext.PushProperty("provider", "inner-provider"))
                        throw new TimeoutException("slow");
                }
                catch (TimeoutException inner)
                {
                    throw new InvalidOperationException("Provider failed", inner);
                }
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Request failed");
        }

        var evt = sentry.Events.Single();
        Assert.Equal("inner-provider", evt.Tags["provider"]);
        Assert.Equal("outer-only", evt.Tags["gateway"]);
    }

    [Fact]
    public void Properties_present_at_the_log_call_win_over_the_throw_site_and_explicit_tags_merge()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<ThrowSiteTests>();

        using (LogContext.PushProperty("provider", "portkey"))
        using (ErrorContext.PushTag("gateway", "catch-site"))
        {
            try
            {
                using (LogContext.PushProperty("provider", "openrouter"))
                using (LogContext.PushProperty("operation", "chat"))
                using (ErrorContext.PushTag("gateway", "throw-site"))
                using (ErrorContext.PushTag("region", "eu"))
                    throw new InvalidOperationException("x");
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Failed");
            }
        }

        var evt = sentry.Events.Single();
        Assert.Equal("portkey", evt.Tags["provider"]);
        Assert.Equal("chat", evt.Tags["operation"]);
        Assert.Equal("catch-site", evt.Tags["gateway"]);
        Assert.Equal("eu", evt.Tags["region"]);
    }

    [Fact]
    public async Task Twenty_parallel_tasks_each_keep_their_own_throw_site()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<ThrowSiteTests>();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            try
            {
                using (LogContext.PushProperty("provider", $"provider-{i}"))
                using (ErrorContext.Push("job", new { index = i }))
                using (logger.BeginScope(new Dictionary<string, object> { ["model_id"] = $"model-{i}" }))
                    await CallProviderAsync($"failure {i}");
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Task {task} failed", i);
            }
        })));

        var events = sentry.Events;
        Assert.Equal(20, events.Count);
        Assert.All(events, e =>
        {
            var task = (long)e.Contexts["log"]["task"]!;
            Assert.Equal($"provider-{task}", e.Tags["provider"]);
            Assert.Equal($"model-{task}", e.Tags["model_id"]);
            Assert.Equal(task, e.Contexts["job"]["index"]);
            Assert.Equal($"failure {task}", e.Exception!.Value);
        });
    }

    [Fact]
    public void Restoring_the_throw_site_can_be_turned_off()
    {
        using var sentry = SentryCapture.Start();
        var serilog = new Serilog.LoggerConfiguration()
            .Enrich.FromLogContext()
            .Enrich.WithGatewayzContext(captureThrowSiteContext: false)
            .WriteTo.GatewayzSentry(o => o.Hub = sentry.Hub)
            .CreateLogger();

        try
        {
            using (LogContext.PushProperty("provider", "openrouter"))
                throw new InvalidOperationException("x");
        }
        catch (Exception ex)
        {
            serilog.Error(ex, "Failed");
        }
        serilog.Dispose();

        Assert.False(sentry.Events.Single().Tags.ContainsKey("provider"));
    }

    [Fact]
    public void Every_other_sink_sees_the_restored_properties_too()
    {
        using var sentry = SentryCapture.Start();
        var console = new CollectingSink();
        var logger = sentry.CreateSerilogLogger(configureLogger: c => c.WriteTo.Sink(console));

        try
        {
            using (LogContext.PushProperty("provider", "openrouter"))
                throw new InvalidOperationException("x");
        }
        catch (Exception ex)
        {
            logger.Error(ex, "Failed");
        }

        Assert.Equal("\"openrouter\"", console.Events.Single().Properties["provider"].ToString());
    }
}
