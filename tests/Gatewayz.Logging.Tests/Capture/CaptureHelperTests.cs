using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.Extensions.Logging;
using Sentry;
using Serilog.Events;

namespace Gatewayz.Logging.Tests;

/// <summary>Every row of the capture helpers' table, on the serialized envelope, through MEL and Serilog.</summary>
[Collection(SentrySdkCollection.Name)]
public sealed class CaptureHelperTests
{
    static Exception Failure(string message = "upstream failed") => Throw.Caught(() => new InvalidOperationException(message));

    static IReadOnlyDictionary<string, object?> Context(CapturedEvent evt, string name) => evt.Contexts[name];

    [Fact]
    public void CaptureProviderError_sends_the_provider_context_and_tag()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<CaptureHelperTests>();

        var id = logger.CaptureProviderError(Failure(), "openrouter", model: "openai/gpt-4o", requestId: "req_123", endpoint: "/api/v1/chat/completions",
            extra: new { attempt = 2 });

        var evt = sentry.Events.Single();
        Assert.Equal(id, evt.EventId);
        Assert.Equal("error", evt.Level);
        Assert.Equal("Provider openrouter request failed", evt.Formatted);
        Assert.Equal(new Dictionary<string, string> { ["provider"] = "openrouter" }, evt.Tags);
        Assert.Equal(new Dictionary<string, object?>
        {
            ["provider_name"] = "openrouter",
            ["model"] = "openai/gpt-4o",
            ["request_id"] = "req_123",
            ["endpoint"] = "/api/v1/chat/completions",
            ["attempt"] = 2L,
        }, Context(evt, "provider"));
        Assert.Equal("upstream failed", evt.Exception!.Value);
    }

    [Fact]
    public void The_context_survives_a_scope_property_of_the_same_name()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<CaptureHelperTests>();

        // Serilog's MEL provider lets scope properties overwrite an event's own; the context must not be one of them.
        using (logger.BeginScope(new Dictionary<string, object> { ["provider"] = "openrouter", ["payment"] = "not a context" }))
        {
            logger.CaptureProviderError(Failure(), "openrouter", model: "gpt-4o");
            logger.CapturePaymentError(Failure(), "refund");
        }

        var events = sentry.Events;
        var provider = events.Single(e => e.Contexts.ContainsKey("provider"));
        Assert.Equal("gpt-4o", provider.Contexts["provider"]["model"]);
        Assert.Equal("openrouter", provider.Tags["provider"]);
        Assert.Contains(events, e => e.Contexts.TryGetValue("payment", out var payment) && (string?)payment["operation"] == "refund");
    }

    [Fact]
    public void Optional_fields_that_are_not_given_are_absent_not_null()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<CaptureHelperTests>();

        logger.CaptureProviderError(Failure(), "portkey");

        var evt = sentry.Events.Single();
        Assert.Equal(["provider_name"], Context(evt, "provider").Keys);
        Assert.False(evt.Contexts.ContainsKey("log"));
    }

    [Fact]
    public void CaptureDatabaseError_sends_the_database_context_and_operation_and_table_tags()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<CaptureHelperTests>();

        logger.CaptureDatabaseError(Failure(), "insert", "users", new Dictionary<string, object> { ["constraint"] = "users_email_key" });

        var evt = sentry.Events.Single();
        Assert.Equal("Database insert on users failed", evt.Formatted);
        Assert.Equal(new Dictionary<string, string> { ["operation"] = "insert", ["table"] = "users" }, evt.Tags);
        Assert.Equal(new Dictionary<string, object?> { ["operation"] = "insert", ["table"] = "users", ["constraint"] = "users_email_key" }, Context(evt, "database"));
    }

    [Fact]
    public void CapturePaymentError_keeps_a_zero_amount_as_a_number_and_sets_the_user()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<CaptureHelperTests>();

        logger.CapturePaymentError(Failure("card_declined"), "checkout", userId: "4217", amount: 0m, details: new { currency = "usd" });

        var evt = sentry.Events.Single();
        Assert.Equal("Payment checkout via stripe failed", evt.Formatted);
        Assert.Equal(new Dictionary<string, string> { ["operation"] = "checkout", ["provider"] = "stripe" }, evt.Tags);
        Assert.Equal(new Dictionary<string, object?>
        {
            ["operation"] = "checkout",
            ["provider"] = "stripe",
            ["user_id"] = "4217",
            ["amount"] = 0L,
            ["currency"] = "usd",
        }, Context(evt, "payment"));
        Assert.Equal(System.Text.Json.JsonValueKind.Number, evt.Json.GetProperty("contexts").GetProperty("payment").GetProperty("amount").ValueKind);
        Assert.Equal("4217", evt.User!.Id);
    }

    [Fact]
    public void CapturePaymentError_sends_a_decimal_amount_exactly()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<CaptureHelperTests>();

        logger.CapturePaymentError(Failure(), "refund", provider: "paddle", amount: 1204.50m);

        var evt = sentry.Events.Single();
        Assert.Equal("1204.50", evt.Json.GetProperty("contexts").GetProperty("payment").GetProperty("amount").GetRawText());
        Assert.Equal("paddle", evt.Tags["provider"]);
        Assert.Null(evt.User?.Id is "4217" ? "unexpected" : null);
        Assert.False(Context(evt, "payment").ContainsKey("user_id"));
    }

    [Fact]
    public void CaptureAuthError_sends_the_authentication_context_and_operation_tag()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<CaptureHelperTests>();

        logger.CaptureAuthError(Failure(), "api_key_validation", userId: "77", details: new { key_prefix = "gw_live_" });

        var evt = sentry.Events.Single();
        Assert.Equal("Authentication api_key_validation failed", evt.Formatted);
        Assert.Equal(new Dictionary<string, string> { ["operation"] = "api_key_validation" }, evt.Tags);
        Assert.Equal(new Dictionary<string, object?> { ["operation"] = "api_key_validation", ["user_id"] = "77", ["key_prefix"] = "gw_live_" }, Context(evt, "authentication"));
        Assert.Equal("77", evt.User!.Id);
    }

    [Fact]
    public void CaptureCacheError_sends_the_cache_context_and_operation_and_cache_type_tags()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<CaptureHelperTests>();

        logger.CaptureCacheError(Failure(), "get", key: "user:42:credits", level: LogLevel.Warning);

        var evt = sentry.Events.Single();
        Assert.Equal("warning", evt.Level);
        Assert.Equal("Cache get on redis failed", evt.Formatted);
        Assert.Equal(new Dictionary<string, string> { ["operation"] = "get", ["cache_type"] = "redis" }, evt.Tags);
        Assert.Equal(new Dictionary<string, object?> { ["operation"] = "get", ["cache_type"] = "redis", ["key"] = "user:42:credits" }, Context(evt, "cache"));
    }

    [Fact]
    public void CaptureModelHealthError_sends_the_model_health_context_and_four_tags()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<CaptureHelperTests>();

        logger.CaptureModelHealthError(Failure(), "openai/gpt-4o", "openrouter", "main", status: "timeout", responseTimeMs: 30000.5);

        var evt = sentry.Events.Single();
        Assert.Equal("Model openai/gpt-4o health_check failed on openrouter via main", evt.Formatted);
        Assert.Equal(new Dictionary<string, string>
        {
            ["provider"] = "openrouter",
            ["gateway"] = "main",
            ["model_id"] = "openai/gpt-4o",
            ["operation"] = "health_check",
        }, evt.Tags);
        Assert.Equal(new Dictionary<string, object?>
        {
            ["model_id"] = "openai/gpt-4o",
            ["provider"] = "openrouter",
            ["gateway"] = "main",
            ["operation"] = "health_check",
            ["status"] = "timeout",
            ["response_time_ms"] = 30000.5m,
        }, Context(evt, "model_health"));
    }

    [Fact]
    public void CaptureError_sends_the_given_context_and_tags()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<CaptureHelperTests>();

        logger.CaptureError(Failure(), "checkout", new { cart_items = 3 }, new Dictionary<string, string> { ["flow"] = "upgrade", ["provider"] = "stripe" });

        var evt = sentry.Events.Single();
        Assert.Equal("Error in checkout", evt.Formatted);
        Assert.Equal(new Dictionary<string, string> { ["flow"] = "upgrade", ["provider"] = "stripe" }, evt.Tags);
        Assert.Equal(new Dictionary<string, object?> { ["cart_items"] = 3L }, Context(evt, "checkout"));
    }

    [Fact]
    public void Details_never_replace_a_named_field()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<CaptureHelperTests>();

        logger.CaptureDatabaseError(Failure(), "insert", "users", new { table = "not-users", operation = "drop", rows = 1 });

        var database = sentry.Events.Single().Contexts["database"];
        Assert.Equal("users", database["table"]);
        Assert.Equal("insert", database["operation"]);
        Assert.Equal(1L, database["rows"]);
    }

    [Fact]
    public void A_given_message_is_used_literally()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<CaptureHelperTests>();

        logger.CaptureDatabaseError(Failure(), "update", "credits", message: "Credits {not a hole} update failed");

        Assert.Equal("Credits {not a hole} update failed", sentry.Events.Single().Formatted);
    }

    [Theory]
    [InlineData(LogLevel.Warning, "warning")]
    [InlineData(LogLevel.Error, "error")]
    [InlineData(LogLevel.Critical, "fatal")]
    public void The_level_sets_the_Sentry_level(LogLevel level, string expected)
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<CaptureHelperTests>();

        logger.CaptureAuthError(Failure(), "login", level: level);

        Assert.Equal(expected, sentry.Events.Single().Level);
    }

    [Fact]
    public void An_explicit_capture_is_sent_whatever_the_minimum_event_level()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLoggerFactory(o => o.MinimumEventLevel = LogEventLevel.Fatal).CreateLogger("Gatewayz.Cache");

        var id = logger.CaptureCacheError(Failure(), "get", level: LogLevel.Warning);
        logger.LogWarning("An ordinary warning stays a breadcrumb");

        var evt = sentry.Events.Single();
        Assert.Equal(id, evt.EventId);
        Assert.Equal("warning", evt.Level);
    }

    [Fact]
    public void A_capture_below_the_loggers_own_minimum_level_is_not_sent_and_returns_empty()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLoggerFactory(configureLogging: b => b.AddFilter("Gatewayz.Cache", LogLevel.Error)).CreateLogger("Gatewayz.Cache");

        var id = logger.CaptureCacheError(Failure(), "get", level: LogLevel.Warning);

        Assert.Equal(SentryId.Empty, id);
        Assert.Empty(sentry.Events);
    }

    [Fact]
    public void The_id_is_empty_when_capture_is_off_or_the_event_is_not_sent()
    {
        using var sentry = SentryCapture.Start();
        var disabled = sentry.CreateLoggerFactory(o => o.Enabled = false).CreateLogger("Off");
        var withoutSentry = LoggerFactory.Create(_ => { }).CreateLogger("NoSink");

        Assert.Equal(SentryId.Empty, disabled.CaptureError(Failure()));
        Assert.Equal(SentryId.Empty, withoutSentry.CaptureError(Failure()));
        Assert.Empty(sentry.Events);
    }

    [Fact]
    public void Every_other_sink_sees_the_capture_too()
    {
        using var sentry = SentryCapture.Start();
        var console = new CollectingSink();
        var logger = sentry.CreateSerilogLogger(configureLogger: c => c.WriteTo.Sink(console));

        logger.CaptureDatabaseError(Failure(), "insert", "users");

        var logged = Assert.Single(console.Events);
        Assert.Equal(LogEventLevel.Error, logged.Level);
        Assert.Equal("Database insert on users failed", logged.RenderMessage());
        var contexts = Assert.IsType<DictionaryValue>(logged.Properties["SentryContexts"]);
        Assert.IsType<DictionaryValue>(contexts.Elements.Single(e => (string?)e.Key.Value == "database").Value);
        Assert.IsType<DictionaryValue>(logged.Properties["SentryTags"]);
        Assert.Single(sentry.Events);
    }

    [Fact]
    public void The_Serilog_helpers_send_the_same_event_as_the_MEL_helpers()
    {
        using var sentry = SentryCapture.Start();
        var mel = sentry.CreateLogger<CaptureHelperTests>();
        var serilog = sentry.CreateSerilogLogger().ForContext<CaptureHelperTests>();

        var melId = mel.CaptureModelHealthError(Failure(), "m", "p", "g", status: "down", responseTimeMs: 12, level: LogLevel.Critical);
        var serilogId = serilog.CaptureModelHealthError(Failure(), "m", "p", "g", status: "down", responseTimeMs: 12, level: LogEventLevel.Fatal);

        var events = sentry.Events;
        var fromMel = events.Single(e => e.EventId == melId);
        var fromSerilog = events.Single(e => e.EventId == serilogId);
        Assert.Equal(fromMel.Level, fromSerilog.Level);
        Assert.Equal(fromMel.Formatted, fromSerilog.Formatted);
        Assert.Equal(fromMel.Logger, fromSerilog.Logger);
        Assert.Equal(fromMel.Tags, fromSerilog.Tags);
        Assert.Equal(fromMel.Contexts["model_health"], fromSerilog.Contexts["model_health"]);
    }

    [Fact]
    public void Helpers_never_throw_whatever_they_are_given()
    {
        using var selfLog = new SelfLogRecorder();
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<CaptureHelperTests>();
        var serilog = sentry.CreateSerilogLogger();

        logger.CaptureError(null);
        logger.CaptureError(null, "", null, null);
        logger.CaptureError(Failure(), "  ", new Dictionary<string, object?> { [""] = 1, ["x"] = null });
        logger.CaptureProviderError(null, null!, null, null, null, null);
        logger.CaptureDatabaseError(null, "", "");
        logger.CapturePaymentError(null, null!, null!);
        logger.CaptureCacheError(null, null!, null!, null, null);
        logger.CaptureModelHealthError(null, null!, null!, null!, null!, null, double.NaN, null);
        ((ILogger)null!).CaptureError(Failure());
        ((Serilog.ILogger)null!).CaptureAuthError(Failure(), "login");
        serilog.CaptureProviderError(null, "");

        // Nine calls had a logger; the two on a null logger said so in SelfLog.
        Assert.Equal(9, sentry.Events.Count);
        Assert.Equal(2, selfLog.Text.Split("null logger").Length - 1);
        Assert.Contains(sentry.Events, e => e.Contexts.TryGetValue("error", out var error) && error.ContainsKey("x") && error["x"] is null);
        Assert.Contains(sentry.Events, e => e.Contexts.TryGetValue("model_health", out var health) && (string?)health["response_time_ms"] == "NaN");
        var provider = sentry.Events.Where(e => e.Contexts.ContainsKey("provider")).ToArray();
        Assert.Contains(provider, e => e.Tags.GetValueOrDefault("provider") == "(empty)");
    }
}
