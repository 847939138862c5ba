using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gatewayz.Logging.Sinks;
using Gatewayz.Logging.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sentry;
using Serilog;
using Serilog.Core;
using Xunit.Abstractions;

namespace Gatewayz.Logging.Tests;

/// <summary>
/// The whole pipeline (Serilog or ILogger&lt;T&gt;, the Gatewayz sink, the real Sentry SDK and its HTTP transport)
/// against a Sentry that is down, hangs, fails, refuses or rate-limits: what the app's logging calls cost, what
/// arrives, and how long shutdown takes. The figures in the README's "When Sentry is unavailable" come from here.
/// </summary>
[Collection(SentrySdkCollection.Name)]
public sealed class WhenSentryIsUnavailableTests(ITestOutputHelper output) : IDisposable
{
    static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(1);
    static readonly TimeSpan ShutdownSlack = TimeSpan.FromSeconds(1);
    /// <summary>
    /// A liveness bound, not a timing claim: the SDK's capture runs on the logging thread (hundreds of
    /// microseconds here), and none of it may wait for the network, whose request timeout is 5 s.
    /// </summary>
    static readonly TimeSpan FastCall = TimeSpan.FromMilliseconds(100);
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    static readonly TimeSpan DefaultShutdownTimeout = new GatewayzSentryOptions().ShutdownTimeout;

    readonly EnvironmentVariables _environment = EnvironmentVariables.Clean();
    readonly string _cacheDirectory = Path.Combine(Path.GetTempPath(), "gatewayz-sentry-cache-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Log.CloseAndFlush(); // in case a test failed before it closed the static logger
        _environment.Dispose();
        if (Directory.Exists(_cacheDirectory))
            Directory.Delete(_cacheDirectory, recursive: true);
    }

    sealed class CheckoutService;

    /// <summary>The production pipeline, pointed at the endpoint; every error is its own event (no storm control).</summary>
    static Logger Pipeline(FaultySentryEndpoint endpoint, Action<GatewayzSentryOptions>? configure = null) =>
        new LoggerConfiguration()
            .Enrich.FromLogContext()
            .Enrich.WithGatewayzContext()
            .WriteTo.GatewayzSentry(o =>
            {
                o.Dsn = endpoint.Dsn;
                o.ShutdownTimeout = ShutdownTimeout;
                o.StormControl.Enabled = false;
                configure?.Invoke(o);
            })
            .CreateLogger();

    /// <summary>A host built with the one-liner, its Sentry DSN the endpoint's, and no console sink.</summary>
    static async Task<IHost> StartHostAsync(FaultySentryEndpoint endpoint, TimeSpan shutdownTimeout)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes("""{ "Serilog": { "WriteTo": [] } }""")));
        builder.AddGatewayzLogging(o =>
        {
            o.Dsn = endpoint.Dsn;
            o.ShutdownTimeout = shutdownTimeout;
            o.StormControl.Enabled = false;
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Distinct exceptions, really thrown: the SDK drops a second capture of the same instance.</summary>
    static Exception[] Failures(int count) =>
        Enumerable.Range(0, count).Select(i => Throw.Caught(() => new HttpRequestException($"Upstream returned 502 ({i})"))).ToArray();

    static string[] Messages(string text, int count) =>
        Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{text} {i}")).ToArray();

    static void LogErrors(Serilog.ILogger logger, IEnumerable<string> messages)
    {
        foreach (var message in messages)
            logger.Error(Throw.Caught(() => new HttpRequestException(message)), "{what}", message);
    }

    static TimeSpan Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed;
    }

    static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):F1} MB");

    [Theory]
    [InlineData(EndpointBehavior.Accept)]
    [InlineData(EndpointBehavior.RefuseConnections)]
    [InlineData(EndpointBehavior.Hang)]
    [InlineData(EndpointBehavior.ServerError)]
    [InlineData(EndpointBehavior.RateLimited)]
    [InlineData(EndpointBehavior.PayloadTooLarge)]
    [InlineData(EndpointBehavior.CloseMidRequest)]
    public async Task Error_logs_stay_fast_never_throw_hold_bounded_memory_and_CloseAndFlush_keeps_to_the_shutdown_timeout(EndpointBehavior behavior)
    {
        const int count = 1_000;
        // 100 waiting in the library's queue and 100 in the SDK's, each event about 20 KB: a few MB at most,
        // where 1,000 events held would be 20 MB.
        const int queue = 100;
        const long memoryBound = 12L * 1024 * 1024;
        await using var endpoint = FaultySentryEndpoint.Start(new() { InitialBehavior = behavior });
        using var selfLog = new SelfLogRecorder();
        var failures = Failures(count);
        Log.Logger = Pipeline(endpoint, o => o.MaxQueueItems = queue);
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        var timings = new CallTimings();
        Exception? thrown = null;
        for (var i = 0; i < count; i++)
        {
            var failure = failures[i];
            timings.Time(() =>
            {
                try
                {
                    Log.Error(failure, "Provider {provider} failed for request {index}", "openrouter", i);
                }
                catch (Exception ex)
                {
                    thrown ??= ex;
                }
            });
        }
        // Held once the worker has handed everything over and the SDK has sent what it could.
        await GatewayzSentry.FlushAsync(ShutdownTimeout);
        var retained = GC.GetTotalMemory(forceFullCollection: true) - memoryBefore;
        var close = Time(Log.CloseAndFlush);

        output.WriteLine($"| {behavior} | {timings} | retained {Megabytes(retained)} | CloseAndFlush {close.TotalMilliseconds:F0} ms | {endpoint.Snapshot()} |");
        Assert.Null(thrown);
        Assert.True(timings.P99 < FastCall, $"p99 of {count} error logs: {timings}");
        Assert.True(retained < memoryBound, $"{count} error logs retained {Megabytes(retained)}");
        Assert.True(close < ShutdownTimeout + ShutdownSlack, $"CloseAndFlush took {close} with a shutdown timeout of {ShutdownTimeout}");
        Assert.DoesNotContain("failed", selfLog.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Under_a_hang_ILogger_error_logs_stay_fast_and_host_shutdown_keeps_to_the_shutdown_timeout()
    {
        const int count = 1_000;
        await using var endpoint = FaultySentryEndpoint.Start(new() { InitialBehavior = EndpointBehavior.Hang });
        var failures = Failures(count);
        using var host = await StartHostAsync(endpoint, ShutdownTimeout);
        var logger = host.Services.GetRequiredService<ILogger<CheckoutService>>();

        var timings = new CallTimings();
        for (var i = 0; i < count; i++)
        {
            var failure = failures[i];
            timings.Time(() => logger.LogError(failure, "Provider {provider} failed for request {index}", "openrouter", i));
        }
        await endpoint.WaitForRequestsAsync(1, Wait);
        var clock = Stopwatch.StartNew();
        await host.StopAsync();
        host.Dispose();
        var shutdown = clock.Elapsed;

        output.WriteLine($"| Hang, ILogger + host | {timings} | StopAsync + Dispose {shutdown.TotalMilliseconds:F0} ms | {endpoint.Snapshot()} |");
        Assert.True(timings.P99 < FastCall, $"p99 of {count} error logs: {timings}");
        Assert.True(shutdown < ShutdownTimeout + ShutdownSlack, $"host shutdown took {shutdown} with a shutdown timeout of {ShutdownTimeout}");
    }

    [Theory]
    [InlineData("Log.CloseAndFlush")]
    [InlineData("host shutdown")]
    public async Task With_Sentry_healthy_every_event_logged_before_shutdown_arrives_exactly_once(string shutdown)
    {
        const int count = 1_000;
        await using var endpoint = FaultySentryEndpoint.Start();
        var messages = Messages("Order failed", count);
        using var host = shutdown == "host shutdown" ? await StartHostAsync(endpoint, DefaultShutdownTimeout) : null;
        Action<string> log;
        if (host is null)
        {
            Log.Logger = Pipeline(endpoint, o => o.ShutdownTimeout = DefaultShutdownTimeout);
            log = message => Log.Error(Throw.Caught(() => new InvalidOperationException(message)), "{what}", message);
        }
        else
        {
            var logger = host.Services.GetRequiredService<ILogger<CheckoutService>>();
            log = message => logger.LogError(Throw.Caught(() => new InvalidOperationException(message)), "{what}", message);
        }

        // A normal rate: ten errors every 10 ms, about 1,000 a second.
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            log(messages[i]);
            if (i % 10 == 9)
                await Task.Delay(10);
        }
        var logging = clock.Elapsed;
        clock.Restart();
        if (host is null)
            Log.CloseAndFlush();
        else
        {
            await host.StopAsync();
            host.Dispose();
        }
        var close = clock.Elapsed;

        var seen = endpoint.Snapshot();
        output.WriteLine($"| {shutdown} | {count} logged in {logging.TotalMilliseconds:F0} ms | closed in {close.TotalMilliseconds:F0} ms | {seen.DistinctEventCount} arrived | {seen} |");
        Assert.Equal(messages.Order(StringComparer.Ordinal), seen.AcceptedMessages.Order(StringComparer.Ordinal));
        Assert.Empty(seen.DuplicateEventIds);
    }

    [Theory]
    [InlineData(EndpointBehavior.RefuseConnections)]
    [InlineData(EndpointBehavior.ServerError)]
    [InlineData(EndpointBehavior.PayloadTooLarge)]
    [InlineData(EndpointBehavior.CloseMidRequest)]
    public async Task Capture_resumes_by_itself_when_Sentry_is_back_and_what_failed_is_tried_once(EndpointBehavior outage)
    {
        const int count = 5;
        await using var endpoint = FaultySentryEndpoint.Start(new() { InitialBehavior = outage });
        using var logger = Pipeline(endpoint);
        LogErrors(logger, Messages("During the outage", count));
        await GatewayzSentry.FlushAsync(Wait);
        var during = endpoint.Snapshot();

        endpoint.Behavior = EndpointBehavior.Accept;
        var after = Messages("After the outage", count);
        LogErrors(logger, after);
        await endpoint.WaitForEventsAsync(count, Wait);
        logger.Dispose();

        var seen = endpoint.Snapshot();
        output.WriteLine($"| {outage} | during: {during} | after: {seen} |");
        Assert.Equal(after.Order(StringComparer.Ordinal), seen.AcceptedMessages.Order(StringComparer.Ordinal));
        Assert.Empty(seen.DuplicateEventIds);
        // Nothing is retried: each event was sent at most once, and the SDK moved on.
        switch (outage)
        {
            case EndpointBehavior.RefuseConnections:
                Assert.Equal(0, during.ConnectionsAccepted);
                break;
            case EndpointBehavior.CloseMidRequest:
                // Bodies are not read here: one request per event, and perhaps one with the SDK's client report.
                Assert.InRange(during.TotalRequests, count, count + 1);
                break;
            default:
                var sent = during.Requests.SelectMany(r => r.EventIds).ToList();
                Assert.Equal(count, sent.Count);
                Assert.Equal(count, sent.Distinct(StringComparer.Ordinal).Count());
                break;
        }
    }

    [Fact]
    public async Task After_a_hang_capture_resumes_by_itself_within_the_request_timeout()
    {
        await using var endpoint = FaultySentryEndpoint.Start(new() { InitialBehavior = EndpointBehavior.Hang });
        using var logger = Pipeline(endpoint);
        var during = Messages("During the hang", 3);
        LogErrors(logger, during);
        await endpoint.WaitForRequestsAsync(1, Wait);

        // New connections are answered from now on; the one in flight stays silent, as behind a dead load balancer.
        endpoint.Behavior = EndpointBehavior.Accept;
        var back = endpoint.Elapsed;
        var after = Messages("After the hang", 3);
        LogErrors(logger, after);
        var seen = await endpoint.WaitUntilAsync(s => after.All(s.AcceptedMessages.Contains), SdkOwnership.RequestTimeout + Wait, "the events logged after the hang");
        var resumedAfter = seen.Requests.Where(r => r.StatusCode == 200).Min(r => r.Elapsed) - back;
        logger.Dispose();

        seen = endpoint.Snapshot();
        output.WriteLine($"| Hang, then back | first event accepted {resumedAfter.TotalMilliseconds:F0} ms after the endpoint came back (request timeout {SdkOwnership.RequestTimeout.TotalSeconds:F0} s) | {seen} |");
        // The event in flight is lost with its request; those queued behind it, and everything after, arrive.
        Assert.Equal(during.Skip(1).Concat(after).Order(StringComparer.Ordinal), seen.AcceptedMessages.Order(StringComparer.Ordinal));
        Assert.Empty(seen.DuplicateEventIds);
        Assert.True(resumedAfter < SdkOwnership.RequestTimeout + TimeSpan.FromSeconds(3), $"resumed {resumedAfter} after the endpoint came back");
    }

    [Fact]
    public async Task With_a_cache_directory_events_logged_while_Sentry_was_unreachable_arrive_by_themselves_after_it()
    {
        await using var endpoint = FaultySentryEndpoint.Start(new() { InitialBehavior = EndpointBehavior.RefuseConnections });
        using var logger = Pipeline(endpoint, o => o.ConfigureSentry = s => s.CacheDirectoryPath = _cacheDirectory);
        // More than the SDK's own cache holds by default (30): the library sizes it like its queue.
        var during = Messages("During the outage", 40);
        LogErrors(logger, during);
        // The SDK stores them and fails to send them; its flush waits for the cache, so this lasts the whole second.
        await GatewayzSentry.FlushAsync(ShutdownTimeout);
        Assert.Equal(0, endpoint.Snapshot().ConnectionsAccepted);

        endpoint.Behavior = EndpointBehavior.Accept;
        var back = endpoint.Elapsed;
        // No logging, no flush: the SDK notices by itself that Sentry is reachable again.
        var seen = await endpoint.WaitUntilAsync(s => during.All(s.AcceptedMessages.Contains), Wait, "the events logged during the outage");
        var deliveredAfter = seen.Requests.Max(r => r.Elapsed) - back;
        var after = Messages("After the outage", 5);
        LogErrors(logger, after);
        await endpoint.WaitUntilAsync(s => after.All(s.AcceptedMessages.Contains), Wait, "the events logged after the outage");
        logger.Dispose();

        seen = endpoint.Snapshot();
        output.WriteLine($"| Refused for {back.TotalMilliseconds:F0} ms, cache directory | {during.Length} outage events delivered, the last {deliveredAfter.TotalMilliseconds:F0} ms after the endpoint came back | {seen} |");
        Assert.Equal(during.Concat(after).Order(StringComparer.Ordinal), seen.AcceptedMessages.Order(StringComparer.Ordinal));
        Assert.Empty(seen.DuplicateEventIds);
    }

    [Fact]
    public async Task With_a_cache_directory_events_pending_when_the_app_stopped_during_an_outage_arrive_at_its_next_start()
    {
        await using var endpoint = FaultySentryEndpoint.Start(new() { InitialBehavior = EndpointBehavior.RefuseConnections });
        void Cache(GatewayzSentryOptions o) => o.ConfigureSentry = s => s.CacheDirectoryPath = _cacheDirectory;
        var during = Messages("Before the restart", 3);
        var clock = Stopwatch.StartNew();
        using var first = Pipeline(endpoint, Cache);
        var start = clock.Elapsed;
        LogErrors(first, during);
        var close = Time(first.Dispose);

        endpoint.Behavior = EndpointBehavior.Accept;
        clock.Restart();
        using var second = Pipeline(endpoint, Cache);
        var restart = clock.Elapsed;
        var seen = await endpoint.WaitUntilAsync(s => during.All(s.AcceptedMessages.Contains), Wait, "the events cached before the restart");

        output.WriteLine($"| Refused, cache directory, restart | start during the outage {start.TotalMilliseconds:F0} ms | close during the outage {close.TotalMilliseconds:F0} ms | start with a cache to send {restart.TotalMilliseconds:F0} ms | {seen} |");
        Assert.Equal(during.Order(StringComparer.Ordinal), seen.AcceptedMessages.Order(StringComparer.Ordinal));
        Assert.True(close < ShutdownTimeout + ShutdownSlack, $"closing during the outage took {close}");
    }

    [Fact]
    public async Task With_a_cache_directory_and_Sentry_healthy_every_event_arrives_before_CloseAndFlush_or_at_the_next_start()
    {
        const int count = 400;
        await using var endpoint = FaultySentryEndpoint.Start();
        void Cache(GatewayzSentryOptions o) => o.ConfigureSentry = s => s.CacheDirectoryPath = _cacheDirectory;
        var messages = Messages("Order failed", count);
        using var first = Pipeline(endpoint, Cache);
        // The normal rate of the healthy test, ten errors every 10 ms: more than the SDK's cache sends.
        for (var i = 0; i < count; i += 10)
        {
            LogErrors(first, messages[i..(i + 10)]);
            await Task.Delay(10);
        }
        var close = Time(first.Dispose);
        var beforeRestart = endpoint.Snapshot();

        using var second = Pipeline(endpoint, Cache);
        var seen = await endpoint.WaitUntilAsync(s => messages.All(s.AcceptedMessages.Contains), Wait, "every event, after the restart");

        output.WriteLine($"| Accept, cache directory | {beforeRestart.DistinctEventCount} of {count} arrived before CloseAndFlush returned ({close.TotalMilliseconds:F0} ms), the rest at the next start, {seen.DuplicateEventIds.Count} twice | {seen} |");
        Assert.Equal(messages.Order(StringComparer.Ordinal), seen.AcceptedMessages.Distinct().Order(StringComparer.Ordinal));
        // The envelope being sent when the app stopped can be sent again, with the same event id, at the next start.
        Assert.True(seen.DuplicateEventIds.Count <= 1, $"{seen.DuplicateEventIds.Count} events arrived twice");
        Assert.True(close < ShutdownTimeout + ShutdownSlack, $"CloseAndFlush took {close}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_429_is_honoured_for_its_window_and_categories_it_does_not_name_keep_flowing(bool namesErrorsOnly)
    {
        const int retryAfter = 2;
        const int inWindow = 50;
        const int transactions = 5;
        var rule = namesErrorsOnly ? RateLimitRule.Errors(retryAfter) : RateLimitRule.Errors(retryAfter) with { SendSentryRateLimitsHeader = false };
        await using var endpoint = FaultySentryEndpoint.Start(new() { InitialBehavior = EndpointBehavior.RateLimited, RateLimit = rule });
        using var logger = Pipeline(endpoint, o => o.TracesSampleRate = 1.0);
        LogErrors(logger, ["Before the limit"]);
        var limited = (await endpoint.WaitUntilAsync(s => s.RequestsAnswered(429) == 1, Wait, "a 429")).Requests.Single(r => r.StatusCode == 429);
        // From now on the endpoint would take anything: only the SDK holds back.
        endpoint.Behavior = EndpointBehavior.Accept;
        var windowEnd = limited.Elapsed + TimeSpan.FromSeconds(retryAfter);

        LogErrors(logger, Messages("In the window", inWindow));
        for (var i = 0; i < transactions; i++)
            SentrySdk.StartTransaction("POST /v1/chat/completions", "http.server").Finish();
        await GatewayzSentry.FlushAsync(Wait);
        var window = endpoint.Snapshot();
        Assert.True(window.Elapsed < windowEnd, $"the work meant for the window ended {window.Elapsed - windowEnd} after it");

        await Task.Delay(windowEnd - endpoint.Elapsed + TimeSpan.FromMilliseconds(200));
        LogErrors(logger, ["After the window"]);
        SentrySdk.StartTransaction("POST /v1/chat/completions", "http.server").Finish();
        await endpoint.WaitUntilAsync(s => s.AcceptedMessages.Contains("After the window"), Wait, "the error logged after the window");
        logger.Dispose();

        var seen = endpoint.Snapshot();
        var requestsInWindow = window.RequestsBetween(limited.Elapsed + TimeSpan.FromTicks(1), windowEnd);
        output.WriteLine($"| 429, {(namesErrorsOnly ? "X-Sentry-Rate-Limits: error" : "Retry-After only")} | {inWindow} errors and {transactions} transactions in the {retryAfter} s window | {requestsInWindow.Count} requests in the window: [{string.Join("; ", requestsInWindow.GroupBy(r => string.Join(",", r.ItemTypes)).Select(g => $"{g.Count()} x {g.Key}"))}] | {seen} |");
        Assert.DoesNotContain(requestsInWindow, r => r.HasErrorEvent);
        // The errors of the window are dropped, not delayed.
        Assert.Equal(["After the window"], seen.AcceptedMessages);
        if (namesErrorsOnly)
        {
            // No retries: at most one small request per event logged (the SDK reports each drop), and transactions flow.
            Assert.True(requestsInWindow.Count <= inWindow + transactions, $"{requestsInWindow.Count} requests in the window");
            Assert.Equal(transactions, window.AcceptedItemTypes.GetValueOrDefault("transaction"));
        }
        else
        {
            // A bare Retry-After limits every category: nothing at all is sent in the window.
            Assert.Empty(requestsInWindow);
            Assert.Equal(1, seen.AcceptedItemTypes.GetValueOrDefault("transaction"));
        }
    }
}
