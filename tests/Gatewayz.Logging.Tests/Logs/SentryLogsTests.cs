using System.Numerics;
using System.Text.Json;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.Extensions.Logging;
using Sentry;
using Serilog;
using Serilog.Context;
using Serilog.Events;

namespace Gatewayz.Logging.Tests.Logs;

/// <summary>
/// Sentry's Logs: what a log line carries, from Serilog and from ILogger&lt;T&gt;, asserted on the
/// serialized <c>log</c> envelope items the SDK hands to its transport.
/// </summary>
[Collection(SentrySdkCollection.Name)]
public sealed class SentryLogsTests
{
    const string ProviderKey = "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef";

    sealed class ChatService;

    static string TypeOf(CapturedLog log, string attribute) =>
        log.Json.GetProperty("attributes").GetProperty(attribute).GetProperty("type").GetString()!;

    [Fact]
    public void Logs_are_off_by_default()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();

        logger.Information("Request handled for {route}", "/v1/chat");
        logger.Error("Upstream failed");

        Assert.Single(sentry.Events);
        Assert.Empty(sentry.Logs);
    }

    [Fact]
    public void Lines_of_different_templates_in_turn_each_name_only_their_own_parameters()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger(o => o.EnableLogs = true);

        using (LogContext.PushProperty("region", "us-east"))
        {
            for (var i = 0; i < 3; i++)
            {
                logger.Information("Routed to {provider}", "openrouter");
                logger.Information("Cache {outcome} for {key}", "miss", "models");
                logger.Information("No properties here");
            }
        }

        var logs = sentry.Logs;
        Assert.Equal(9, logs.Count);
        Assert.All(logs.Where(l => l.Body == "Routed to openrouter"), l =>
        {
            Assert.Equal("openrouter", l.Attributes["sentry.message.parameter.provider"]);
            Assert.DoesNotContain(l.Attributes.Keys, k => k is "sentry.message.parameter.outcome" or "sentry.message.parameter.region");
        });
        Assert.All(logs.Where(l => l.Body == "Cache miss for models"), l =>
        {
            Assert.Equal("miss", l.Attributes["sentry.message.parameter.outcome"]);
            Assert.Equal("models", l.Attributes["sentry.message.parameter.key"]);
            Assert.DoesNotContain("sentry.message.parameter.provider", l.Attributes.Keys);
        });
        Assert.All(logs.Where(l => l.Body == "No properties here"), l =>
        {
            Assert.DoesNotContain(l.Attributes.Keys, k => k.StartsWith("sentry.message.", StringComparison.Ordinal));
            Assert.Equal("us-east", l.Attributes["region"]);
        });
    }

    [Fact]
    public void A_serilog_line_carries_its_body_template_parameters_and_scope_as_typed_attributes()
    {
        using var sentry = SentryCapture.Start(o => o.Environment = "staging");
        var logger = sentry.CreateSerilogLogger(o => o.EnableLogs = true).ForContext<ChatService>();

        using (LogContext.PushProperty("provider", "openrouter"))
        using (LogContext.PushProperty("streaming", true))
        using (LogContext.PushProperty("cost", 0.25m))
        using (LogContext.PushProperty("huge", BigInteger.Pow(10, 30)))
            logger.Information("Request handled for {route} in {elapsed} ms", "/v1/chat", 42);

        var log = Assert.Single(sentry.Logs);
        Assert.Equal("info", log.Level);
        Assert.Equal("Request handled for /v1/chat in 42 ms", log.Body);
        Assert.Equal("Request handled for {route} in {elapsed} ms", log.Attributes["sentry.message.template"]);
        Assert.Equal("/v1/chat", log.Attributes["sentry.message.parameter.route"]);
        Assert.Equal(42L, log.Attributes["sentry.message.parameter.elapsed"]);
        Assert.Equal("integer", TypeOf(log, "sentry.message.parameter.elapsed"));
        Assert.Equal("openrouter", log.Attributes["provider"]);
        Assert.Equal(true, log.Attributes["streaming"]);
        Assert.Equal("boolean", TypeOf(log, "streaming"));
        Assert.Equal("double", TypeOf(log, "cost"));
        Assert.Equal("string", TypeOf(log, "huge"));
        Assert.Equal("1000000000000000000000000000000", log.Attributes["huge"]);
        Assert.Equal(typeof(ChatService).FullName, log.Attributes["category.name"]);
        Assert.Equal("/v1/chat", log.Attributes["route"]);
        Assert.Equal("staging", log.Attributes["sentry.environment"]);
    }

    public static TheoryData<LogEventLevel, string> Levels => new()
    {
        { LogEventLevel.Verbose, "trace" },
        { LogEventLevel.Debug, "debug" },
        { LogEventLevel.Information, "info" },
        { LogEventLevel.Warning, "warn" },
        { LogEventLevel.Error, "error" },
        { LogEventLevel.Fatal, "fatal" },
    };

    [Theory]
    [MemberData(nameof(Levels))]
    public void Every_level_maps_to_its_log_level(LogEventLevel level, string expected)
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger(o =>
        {
            o.EnableLogs = true;
            o.MinimumLogLevel = LogEventLevel.Verbose;
        });

        logger.Write(level, "A line at {level}", level);

        Assert.Equal(expected, Assert.Single(sentry.Logs).Level);
    }

    [Fact]
    public void The_log_level_is_independent_of_events_and_breadcrumbs_and_an_error_is_both()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger(o =>
        {
            o.EnableLogs = true;
            o.MinimumLogLevel = LogEventLevel.Warning;
        });

        logger.Information("Below the log level");
        logger.Warning("Slow upstream");
        logger.Error("Upstream failed");

        Assert.Equal(["Slow upstream", "Upstream failed"], sentry.Logs.Select(l => l.Body));
        Assert.Equal("Upstream failed", Assert.Single(sentry.Events).Formatted);
    }

    [Fact]
    public void A_line_says_which_integration_sent_it_as_Sentry_asks_of_logging_integrations()
    {
        using var sentry = SentryCapture.Start();
        var serilog = sentry.CreateSerilogLogger(o => o.EnableLogs = true);
        var mel = sentry.CreateLoggerFactory(o => o.EnableLogs = true).CreateLogger<ChatService>();

        serilog.Information("Routed to {model}", "gpt-4o");
        mel.LogInformation("Cached {model}", "gpt-4o");

        var logs = sentry.Logs;
        Assert.Equal(2, logs.Count);
        Assert.All(logs, l => Assert.Equal("auto.log.serilog", l.Attributes["sentry.origin"]));
    }

    /// <summary>A value Serilog keeps as it is (a scalar), which counts how often its text is read.</summary>
    sealed class CountedRoute
    {
        int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public override string ToString()
        {
            Interlocked.Increment(ref _reads);
            return "openrouter/gpt-4o";
        }
    }

    [Fact]
    public void A_line_that_is_a_breadcrumb_and_a_log_line_is_rendered_once_and_its_value_read_once_per_shape()
    {
        using var sentry = SentryCapture.Start();
        var route = new CountedRoute();
        var logger = sentry.CreateSerilogLogger(o => o.EnableLogs = true, c => c.Destructure.AsScalar<CountedRoute>());

        logger.Information("Routing to {Route}", route);

        var line = sentry.Logs.Single();
        Assert.Equal("Routing to openrouter/gpt-4o", line.Body);
        Assert.Equal("openrouter/gpt-4o", line.Attributes["sentry.message.parameter.Route"]);
        Assert.Equal("openrouter/gpt-4o", line.Attributes["Route"]);
        // Once for the message, which the breadcrumb and the log line share, and once for the
        // attributes (the parameter's and the property's). The breadcrumb's data stays unread until
        // an event carries it.
        Assert.Equal(2, route.Reads);

        logger.Error("Routing to {Route} failed", route);

        var evt = sentry.Events.Single();
        Assert.Equal("Routing to openrouter/gpt-4o failed", evt.Formatted);
        Assert.Equal("openrouter/gpt-4o", evt.Breadcrumbs.Single().Data!["Route"]);
        Assert.Equal("Routing to openrouter/gpt-4o failed", sentry.Logs[1].Body);
        // The event, its breadcrumb and its log line share one rendering (1), the line's attributes
        // read the value once (1), the event's log context once (1), and the event carries the
        // earlier line's breadcrumb, whose data is read now that it is sent (1).
        Assert.Equal(2 + 4, route.Reads);
    }

    [Fact]
    public void A_template_parameter_with_dots_in_its_name_keeps_it_whole()
    {
        using var sentry = SentryCapture.Start();
        var serilog = sentry.CreateSerilogLogger(o => o.EnableLogs = true);
        var mel = sentry.CreateLoggerFactory(o => o.EnableLogs = true).CreateLogger<ChatService>();

        serilog.Information("Dequeued from {Queue.Name}", "billing");
        mel.LogInformation("Enqueued on {Queue.Name}", "payments");

        var logs = sentry.Logs;
        var dequeued = logs.Single(l => l.Body == "Dequeued from billing");
        Assert.Equal("billing", dequeued.Attributes["sentry.message.parameter.Queue.Name"]);
        Assert.Equal("Dequeued from {Queue.Name}", dequeued.Attributes["sentry.message.template"]);
        var enqueued = logs.Single(l => l.Body == "Enqueued on payments");
        Assert.Equal("payments", enqueued.Attributes["sentry.message.parameter.Queue.Name"]);
    }

    [Fact]
    public void A_mel_line_carries_its_scope_category_and_event_id_and_critical_is_fatal()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLoggerFactory(o => o.EnableLogs = true).CreateLogger<ChatService>();

        using (logger.BeginScope(new Dictionary<string, object> { ["provider"] = "openrouter", ["request_id"] = "req-7" }))
        {
            logger.LogInformation(new EventId(12, "Routed"), "Routed to {model}", "gpt-4o");
            logger.LogCritical("Everything is down");
        }

        var logs = sentry.Logs;
        var routed = logs.Single(l => l.Body == "Routed to gpt-4o");
        Assert.Equal("openrouter", routed.Attributes["provider"]);
        Assert.Equal("req-7", routed.Attributes["request_id"]);
        Assert.Equal("gpt-4o", routed.Attributes["sentry.message.parameter.model"]);
        Assert.Equal(typeof(ChatService).FullName!.Replace('+', '.'), routed.Attributes["category.name"]);
        Assert.Equal(12L, routed.Attributes["event.id"]);
        Assert.Equal("Routed", routed.Attributes["event.name"]);
        Assert.Equal("fatal", logs.Single(l => l.Body == "Everything is down").Level);
    }

    [Fact]
    public void A_structured_value_is_flattened_within_bounds_and_json_text_beyond_them()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger(o => o.EnableLogs = true);
        var wide = Enumerable.Range(0, 40).ToDictionary(i => $"f{i}", i => i);

        logger
            .ForContext("upstream", new { Model = "gpt-4o", Tokens = 12, Retry = new { Attempt = 2, Policy = new { Kind = "exp", Limits = new { Max = 5 } } } }, destructureObjects: true)
            .ForContext("wide", wide, destructureObjects: true)
            .ForContext("models", new[] { "a", "b" })
            .Information("Completed");

        var log = Assert.Single(sentry.Logs);
        Assert.Equal("gpt-4o", log.Attributes["upstream.Model"]);
        Assert.Equal(12L, log.Attributes["upstream.Tokens"]);
        Assert.Equal(2L, log.Attributes["upstream.Retry.Attempt"]);
        Assert.Equal("exp", log.Attributes["upstream.Retry.Policy.Kind"]);
        var deepest = Assert.IsType<string>(log.Attributes["upstream.Retry.Policy.Limits"]);
        Assert.Contains("\"Max\":5", deepest);
        var wideText = Assert.IsType<string>(log.Attributes["wide"]);
        Assert.Equal(39L, JsonDocument.Parse(wideText).RootElement.GetProperty("f39").GetInt64());
        Assert.False(log.Attributes.ContainsKey("wide.f0"));
        Assert.Equal("[\"a\",\"b\"]", log.Attributes["models"]);
    }

    [Fact]
    public void Long_values_and_too_many_attributes_are_cut_and_marked()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger(o => o.EnableLogs = true);
        var contextual = logger;
        for (var i = 0; i < 200; i++)
            contextual = contextual.ForContext($"p{i}", i);

        contextual.ForContext("long", new string('x', 5000)).Information("Crowded");

        var log = Assert.Single(sentry.Logs);
        var text = Assert.IsType<string>(log.Attributes["long"]);
        Assert.True(text.Length <= 2048);
        Assert.Contains("chars]", text);
        Assert.True((long)log.Attributes["gatewayz.attributes_dropped"]! > 0);
    }

    [Fact]
    public void An_exception_is_attached_under_opentelemetry_names_and_redacted()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger(o => o.EnableLogs = true);
        var failure = Throw.Caught(() => new InvalidOperationException($"Upstream rejected key {ProviderKey}"));

        logger.Error(failure, "Upstream failed");

        var log = Assert.Single(sentry.Logs);
        Assert.Equal(typeof(InvalidOperationException).FullName, log.Attributes["exception.type"]);
        Assert.StartsWith("Upstream rejected key sk-or-v1", (string)log.Attributes["exception.message"]!);
        Assert.Contains($"at {typeof(Throw).FullName}.{nameof(Throw.Caught)}", (string)log.Attributes["exception.stacktrace"]!);
        Assert.DoesNotContain(ProviderKey[..12], log.Json.GetRawText());
    }

    [Fact]
    public void No_secret_leaves_in_body_parameters_attributes_or_exception()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger(o => o.EnableLogs = true);

        using (LogContext.PushProperty("api_key", "plain-secret-value"))
        using (LogContext.PushProperty("upstream", new { Url = "https://api.example", Header = $"Bearer {ProviderKey}" }, destructureObjects: true))
            logger.Warning(Throw.Caught(() => new Exception(ProviderKey)), "Calling with {key} for {email}", ProviderKey, "jane@example.com");

        var json = Assert.Single(sentry.Logs).Json.GetRawText();
        Assert.DoesNotContain(ProviderKey[..12], json);
        Assert.DoesNotContain("plain-secret-value", json);
        Assert.DoesNotContain("jane@example.com", json);
    }

    [Fact]
    public void The_tags_of_the_sentry_scope_where_a_line_is_logged_are_attributes_unless_a_property_has_the_name()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger(o => o.EnableLogs = true);

        using (SentrySdk.PushScope())
        {
            SentrySdk.ConfigureScope(s =>
            {
                s.SetTag("http.route", "/v1/chat/completions");
                s.SetTag("request_id", "0HN7:00000001");
                s.SetTag("provider", "from-scope");
                s.SetTag("auth_token", "abc123");
            });
            using (LogContext.PushProperty("provider", "openrouter"))
                logger.Information("Routed");
        }
        logger.Information("Outside the request");

        var logs = sentry.Logs;
        var routed = logs.Single(l => l.Body == "Routed");
        Assert.Equal("/v1/chat/completions", routed.Attributes["http.route"]);
        Assert.Equal("0HN7:00000001", routed.Attributes["request_id"]);
        Assert.Equal("openrouter", routed.Attributes["provider"]);
        Assert.Equal("[Filtered]", routed.Attributes["auth_token"]);
        Assert.False(logs.Single(l => l.Body == "Outside the request").Attributes.ContainsKey("http.route"));
    }

    [Fact]
    public void The_log_line_and_the_error_event_of_one_request_share_its_trace()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger(o => o.EnableLogs = true);

        using (SentrySdk.PushScope())
            logger.Error("Upstream failed");

        var log = Assert.Single(sentry.Logs);
        var evt = Assert.Single(sentry.Events);
        Assert.Equal(evt.Contexts["trace"]["trace_id"], log.TraceId);
    }

    [Fact]
    public void A_log_line_in_a_transaction_carries_its_trace_and_span()
    {
        using var sentry = SentryCapture.Start(o => o.TracesSampleRate = 1);
        var logger = sentry.CreateSerilogLogger(o => o.EnableLogs = true);

        var transaction = SentrySdk.StartTransaction("request", "http.server");
        SentrySdk.ConfigureScope(s => s.Transaction = transaction);
        logger.Information("Routed");
        transaction.Finish();

        var log = Assert.Single(sentry.Logs);
        Assert.Equal(transaction.TraceId.ToString(), log.TraceId);
        Assert.Equal(transaction.SpanId.ToString(), log.Json.GetProperty("span_id").GetString());
    }
}
