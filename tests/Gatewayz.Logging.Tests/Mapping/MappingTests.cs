using Microsoft.Extensions.Logging;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Serilog;
using Serilog.Context;
using Serilog.Events;

namespace Gatewayz.Logging.Tests;

/// <summary>Every row of the README's mapping table, asserted on the serialized envelope.</summary>
[Collection(SentrySdkCollection.Name)]
public sealed class MappingTests
{
    [Theory]
    [InlineData(LogEventLevel.Verbose, "debug")]
    [InlineData(LogEventLevel.Debug, "debug")]
    [InlineData(LogEventLevel.Information, "info")]
    [InlineData(LogEventLevel.Warning, "warning")]
    [InlineData(LogEventLevel.Error, "error")]
    [InlineData(LogEventLevel.Fatal, "fatal")]
    public void Event_level_is_mapped(LogEventLevel level, string expected)
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger(o => o.MinimumEventLevel = LogEventLevel.Verbose);

        logger.Write(level, "Something happened");

        Assert.Equal(expected, sentry.Events.Single().Level);
    }

    [Theory]
    [InlineData(LogEventLevel.Verbose, "debug")]
    [InlineData(LogEventLevel.Debug, "debug")]
    [InlineData(LogEventLevel.Information, null)]
    [InlineData(LogEventLevel.Warning, "warning")]
    [InlineData(LogEventLevel.Error, "error")]
    public void Breadcrumb_level_is_mapped(LogEventLevel level, string? expected)
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger(o =>
        {
            o.MinimumBreadcrumbLevel = LogEventLevel.Verbose;
            o.MinimumEventLevel = LogEventLevel.Fatal;
        });

        logger.Write(level, "Step {step}", 1);
        logger.Fatal("Then it failed");

        var crumb = sentry.Events.Single().Breadcrumbs.Single();
        Assert.Equal("Step 1", crumb.Message);
        Assert.Equal(expected, crumb.Level); // Sentry omits "info", its default.
    }

    [Fact]
    public void Default_thresholds_send_errors_as_events_and_keep_information_and_warnings_as_breadcrumbs()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();

        logger.Debug("Too fine to keep");
        logger.Information("Routing to {provider}", "openrouter");
        logger.Warning("Slow response from {provider}", "openrouter");
        logger.Error("Upstream failed");

        var evt = sentry.Events.Single();
        Assert.Equal("error", evt.Level);
        Assert.Equal(["Routing to openrouter", "Slow response from openrouter"], evt.Breadcrumbs.Select(b => b.Message));
    }

    [Fact]
    public void Breadcrumb_has_logger_as_category_and_properties_as_data()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger().ForContext(Serilog.Core.Constants.SourceContextPropertyName, "Gatewayz.Providers.OpenRouterClient");

        using (LogContext.PushProperty("request_id", "req-42"))
            logger.Information("Calling {model} with {tokens} tokens", "gpt-4o-mini", 512);
        logger.Error("Failed");

        var crumb = sentry.Events.Single().Breadcrumbs.Single();
        Assert.Equal("Gatewayz.Providers.OpenRouterClient", crumb.Category);
        Assert.Equal("gpt-4o-mini", crumb.Data["model"]);
        Assert.Equal("512", crumb.Data["tokens"]);
        Assert.Equal("req-42", crumb.Data["request_id"]);
        Assert.DoesNotContain("SourceContext", crumb.Data.Keys);
    }

    [Fact]
    public void An_error_stays_in_the_scope_as_a_breadcrumb_for_the_events_after_it()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger().ForContext(Serilog.Core.Constants.SourceContextPropertyName, "Gatewayz.Router");

        logger.Error(Throw.Caught(() => new HttpRequestException("Upstream returned 502")), "Provider {provider} failed", "openrouter");
        logger.Error("The retry failed too");

        var (first, second) = (sentry.Events[0], sentry.Events[1]);
        Assert.Empty(first.Breadcrumbs);
        var crumb = second.Breadcrumbs.Single();
        Assert.Equal("Provider openrouter failed", crumb.Message);
        Assert.Equal("error", crumb.Level);
        Assert.Equal("Gatewayz.Router", crumb.Category);
        Assert.Equal("System.Net.Http.HttpRequestException", crumb.Data["exception_type"]);
        Assert.Equal("Upstream returned 502", crumb.Data["exception_message"]);
        Assert.Equal("openrouter", crumb.Data["provider"]);
    }

    [Fact]
    public void An_ILogger_error_stays_in_the_scope_as_a_breadcrumb_for_the_events_after_it()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLogger<MappingTests>();

        logger.LogError(Throw.Caught(() => new TimeoutException("The users query timed out")), "Query on {table} failed", "users");
        logger.LogCritical("The database is gone");

        var crumb = sentry.Events[1].Breadcrumbs.Single();
        Assert.Equal("Query on users failed", crumb.Message);
        Assert.Equal("error", crumb.Level);
        Assert.Equal(typeof(MappingTests).FullName, crumb.Category);
        Assert.Equal("System.TimeoutException", crumb.Data["exception_type"]);
        Assert.Equal("The users query timed out", crumb.Data["exception_message"]);
        Assert.Equal("users", crumb.Data["table"]);
    }

    [Fact]
    public void A_warning_with_an_exception_keeps_the_exception_in_its_breadcrumb_with_secrets_masked()
    {
        const string key = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();

        logger.Warning(Throw.Caught(() => new InvalidOperationException($"Stripe rejected key {key}")), "Charge retried");
        logger.Error("Charge failed");

        var crumb = sentry.Events.Single().Breadcrumbs.Single();
        Assert.Equal("warning", crumb.Level);
        Assert.Equal("System.InvalidOperationException", crumb.Data["exception_type"]);
        Assert.StartsWith("Stripe rejected key ", crumb.Data["exception_message"], StringComparison.Ordinal);
        Assert.DoesNotContain(key, System.Text.Encoding.UTF8.GetString(sentry.Envelopes.Single().Bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_held_back_by_storm_control_still_leave_their_breadcrumbs()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger(o => o.StormControl.MaxEventsPerFingerprint = 1);

        for (var i = 0; i < 3; i++)
            logger.Error(Throw.Caught(() => new HttpRequestException("502")), "Provider {provider} failed", "openrouter");
        logger.Error("A different failure");

        Assert.Equal(2, sentry.Events.Count);
        var crumbs = sentry.Events[1].Breadcrumbs;
        Assert.Equal(3, crumbs.Count);
        Assert.All(crumbs, c => Assert.Equal("Provider openrouter failed", c.Message));
    }

    [Fact]
    public void Scalar_properties_on_the_default_tag_list_become_tags()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();

        using (LogContext.PushProperty("provider", "openrouter"))
        using (LogContext.PushProperty("operation", "insert"))
        using (LogContext.PushProperty("table", "users"))
        using (LogContext.PushProperty("critical", true))
        using (LogContext.PushProperty("model_id", "openai/gpt-4o"))
        using (LogContext.PushProperty("region", "eu-west-1"))
            logger.Error("Failed");

        var evt = sentry.Events.Single();
        Assert.Equal("openrouter", evt.Tags["provider"]);
        Assert.Equal("insert", evt.Tags["operation"]);
        Assert.Equal("users", evt.Tags["table"]);
        Assert.Equal("true", evt.Tags["critical"]);
        Assert.Equal("openai/gpt-4o", evt.Tags["model_id"]);
        Assert.False(evt.Tags.ContainsKey("region"));
        Assert.Equal("eu-west-1", evt.Contexts["log"]["region"]);
        Assert.False(evt.Contexts["log"].ContainsKey("provider"));
    }

    [Fact]
    public void Tag_list_can_be_extended_or_replaced_from_code()
    {
        using var sentry = SentryCapture.Start();
        var extended = sentry.CreateSerilogLogger(o => o.TagProperties.Add("region"));
        var replaced = sentry.CreateSerilogLogger(o =>
        {
            o.TagProperties.Clear();
            o.TagProperties.Add("region");
        });

        using (LogContext.PushProperty("provider", "openrouter"))
        using (LogContext.PushProperty("region", "eu-west-1"))
        {
            extended.Error("Extended");
            replaced.Error("Replaced");
        }

        var events = sentry.Events;
        var first = events.Single(e => e.Message == "Extended");
        var second = events.Single(e => e.Message == "Replaced");
        Assert.Equal("eu-west-1", first.Tags["region"]);
        Assert.Equal("openrouter", first.Tags["provider"]);
        Assert.Equal("eu-west-1", second.Tags["region"]);
        Assert.False(second.Tags.ContainsKey("provider"));
        Assert.Equal("openrouter", second.Contexts["log"]["provider"]);
    }

    [Fact]
    public void Structured_properties_become_contexts_with_json_types_kept()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();
        var when = new DateTime(2026, 11, 24, 9, 30, 0, DateTimeKind.Utc);
        var id = Guid.Parse("5f0c1d6e-2b1a-4c1e-9c0a-7d2f3e4b5a69");

        using (LogContext.PushProperty("payment", new
        {
            amount = 12.50m,
            big = 79228162514264337593543950335m,
            attempts = 3,
            ratio = 0.25,
            captured = false,
            at = when,
            id,
            day = DayOfWeek.Monday,
            note = (string?)null,
            items = new[] { 1, 2 },
            card = new { brand = "visa" },
        }, destructureObjects: true))
        {
            logger.Error("Checkout failed");
        }

        var evt = sentry.Events.Single();
        var payment = evt.Contexts["payment"];
        Assert.Equal(12.50m, payment["amount"]);
        Assert.Equal(79228162514264337593543950335m, payment["big"]);
        Assert.Equal(3L, payment["attempts"]);
        Assert.Equal(0.25m, payment["ratio"]);
        Assert.Equal(false, payment["captured"]);
        Assert.Equal("2026-11-24T09:30:00.0000000Z", payment["at"]);
        Assert.Equal("5f0c1d6e-2b1a-4c1e-9c0a-7d2f3e4b5a69", payment["id"]);
        Assert.Equal("Monday", payment["day"]);
        Assert.True(payment.ContainsKey("note"));
        Assert.Null(payment["note"]);
        Assert.Equal(new object[] { 1L, 2L }, (object?[])payment["items"]!);
        Assert.Equal("visa", ((IReadOnlyDictionary<string, object?>)payment["card"]!)["brand"]);

        // Numbers are JSON numbers, not strings.
        var raw = evt.Json.GetProperty("contexts").GetProperty("payment");
        Assert.Equal(System.Text.Json.JsonValueKind.Number, raw.GetProperty("amount").ValueKind);
        Assert.Equal("12.50", raw.GetProperty("amount").GetRawText());
    }

    [Fact]
    public void Dictionary_property_becomes_a_context()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();

        logger.Error("Cache read failed {cache}", new Dictionary<string, object> { ["cache_type"] = "redis", ["key"] = "user:42", ["ttl"] = 30 });

        var cache = sentry.Events.Single().Contexts["cache"];
        Assert.Equal("redis", cache["cache_type"]);
        Assert.Equal(30L, cache["ttl"]);
    }

    [Fact]
    public void A_context_name_Sentry_reserves_lands_under_a_prefixed_name_and_leaves_the_sdk_data_alone()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();

        logger.Error("Failed {@os} {@trace}", new { name = "my-os" }, new { id = 7 });

        var evt = sentry.Events.Single();
        Assert.Equal("my-os", evt.Contexts["log_os"]["name"]);
        Assert.Equal(7L, evt.Contexts["log_trace"]["id"]);
        Assert.Equal("os", evt.Contexts["os"]["type"]);
        Assert.NotEqual("my-os", evt.Contexts["os"].GetValueOrDefault("name"));
        Assert.Equal("trace", evt.Contexts["trace"]["type"]);
    }

    [Fact]
    public void A_type_field_inside_a_context_is_moved_aside()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();

        logger.Error("Failed {@cache}", new { type = "redis", key = "k" });

        var cache = sentry.Events.Single().Contexts["cache"];
        Assert.False(cache.ContainsKey("type"));
        Assert.Equal("redis", cache["log_type"]);
    }

    [Fact]
    public void Every_other_property_lands_in_the_log_context()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();

        using (LogContext.PushProperty("attempt", 2))
        using (LogContext.PushProperty("models", new[] { "gpt-4o", "claude-3.5-sonnet" }))
            logger.Error("Request {request_id} failed after {elapsed_ms} ms", "req-1", 1532.5);

        var log = sentry.Events.Single().Contexts["log"];
        Assert.Equal(2L, log["attempt"]);
        Assert.Equal("req-1", log["request_id"]);
        Assert.Equal(1532.5m, log["elapsed_ms"]);
        Assert.Equal(new object[] { "gpt-4o", "claude-3.5-sonnet" }, (object?[])log["models"]!);
    }

    [Fact]
    public void Message_template_and_rendered_text_are_both_sent()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();

        logger.Error("Provider {provider} returned {status} after {ms} ms", "openrouter", 502, 1200);

        var evt = sentry.Events.Single();
        Assert.Equal("Provider {provider} returned {status} after {ms} ms", evt.Message);
        Assert.Equal("Provider openrouter returned 502 after 1200 ms", evt.Formatted);
    }

    [Theory]
    [InlineData("Cache miss", "Cache miss")]
    [InlineData("{provider}", "openrouter")]
    [InlineData("Routing to {provider}", "Routing to openrouter")]
    [InlineData("{provider} failed for {model}", "openrouter failed for gpt-4o")]
    [InlineData("Routing to {0} for {1}", "Routing to openrouter for gpt-4o")]
    [InlineData("Provider {provider} model {model} failed, retrying", "Provider openrouter model gpt-4o failed, retrying")]
    [InlineData("Provider [{provider,12}] failed", "Provider [  openrouter] failed")]
    [InlineData("Provider [{provider,-12}] failed", "Provider [openrouter  ] failed")]
    [InlineData("{provider} returned {status}", "openrouter returned 502")]
    [InlineData("{provider}{model}", "openroutergpt-4o")]
    public void The_message_renders_string_values_without_quotes_in_events_and_breadcrumbs(string template, string expected)
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();
        object[] values = template.Contains("status", StringComparison.Ordinal) ? ["openrouter", 502] : ["openrouter", "gpt-4o"];

        logger.Warning(template, values);
        logger.Error(template, values);

        var evt = sentry.Events.Single();
        Assert.Equal(expected, evt.Formatted);
        Assert.Equal(expected, evt.Breadcrumbs.Single().Message);
    }

    [Fact]
    public void Source_context_becomes_the_logger()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger().ForContext<MappingTests>();

        logger.Error("Failed");

        var evt = sentry.Events.Single();
        Assert.Equal(typeof(MappingTests).FullName, evt.Logger);
        Assert.False(evt.Contexts.TryGetValue("log", out var log) && log.ContainsKey("SourceContext"));
    }

    [Fact]
    public void A_logger_name_over_64_characters_is_cut_at_its_end_and_the_full_name_stays_in_the_log_context()
    {
        using var sentry = SentryCapture.Start();
        const string name = "Microsoft.AspNetCore.Diagnostics.DeveloperExceptionPageMiddlewareImpl.Inner";
        var logger = sentry.CreateSerilogLogger().ForContext(Serilog.Core.Constants.SourceContextPropertyName, name);

        logger.Error("Failed");

        var evt = sentry.Events.Single();
        // Read from its start, as a category: Microsoft.AspNetCore.Diagnostics.Developer…
        Assert.Equal(64, evt.Logger!.Length);
        Assert.Equal(name[..63] + "…", evt.Logger);
        Assert.Equal(name, evt.Contexts["log"]["SourceContext"]);
    }

    [Fact]
    public void A_user_id_property_becomes_the_event_user()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();

        using (LogContext.PushProperty("user_id", 4217))
            logger.Error("Credits deduction failed");

        var evt = sentry.Events.Single();
        Assert.Equal("4217", evt.User?.Id);
        Assert.False(evt.Contexts.TryGetValue("log", out var log) && log.ContainsKey("user_id"));
    }

    [Fact]
    public void The_exception_is_sent_whole_with_inner_exceptions_and_stack_trace_and_marked_handled()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();
        var exception = Throw.Caught(() => new InvalidOperationException("Provider call failed",
            Throw.Caught(() => new HttpRequestException("502 Bad Gateway"))));

        logger.Error(exception, "Request failed");

        var evt = sentry.Events.Single();
        Assert.Equal(2, evt.Exceptions.Count);
        Assert.Equal("System.InvalidOperationException", evt.Exception!.Type);
        Assert.Equal("Provider call failed", evt.Exception.Value);
        Assert.True(evt.Exception.Handled);
        Assert.True(evt.Exception.FrameCount > 0);
        Assert.Equal("System.Net.Http.HttpRequestException", evt.Exceptions[0].Type);
        Assert.Equal("502 Bad Gateway", evt.Exceptions[0].Value);
        Assert.True(evt.Exceptions[0].FrameCount > 0);
    }

    [Fact]
    public void MELs_activity_ids_go_to_the_activity_context_and_the_trace_context_stays_Sentrys()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateLoggerFactory(configureLogging: b => b.Configure(o =>
            o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId))
            .CreateLogger<MappingTests>();
        using var activity = new System.Diagnostics.Activity("checkout").Start();

        logger.LogError("Checkout failed");

        var evt = sentry.Events.Single();
        Assert.Equal(activity.TraceId.ToHexString(), evt.Contexts["activity"]["trace_id"]);
        Assert.Equal(activity.SpanId.ToHexString(), evt.Contexts["activity"]["span_id"]);
        Assert.False(evt.Contexts["activity"].ContainsKey("parent_id"), "a root activity's parent is all zeros, which says nothing");
        Assert.DoesNotContain(evt.Contexts.GetValueOrDefault("log")?.Keys ?? [], k => k is "TraceId" or "SpanId" or "ParentId");
        Assert.NotEqual(activity.TraceId.ToHexString(), evt.Json.GetProperty("contexts").GetProperty("trace").GetProperty("trace_id").GetString());
    }

    [Fact]
    public void Serilogs_own_activity_ids_go_to_the_activity_context()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();
        using var parent = new System.Diagnostics.Activity("request").Start();
        using var activity = new System.Diagnostics.Activity("checkout").Start();

        logger.Error("Checkout failed");

        var evt = sentry.Events.Single();
        Assert.Equal(activity.TraceId.ToHexString(), evt.Contexts["activity"]["trace_id"]);
        Assert.Equal(activity.SpanId.ToHexString(), evt.Contexts["activity"]["span_id"]);
        Assert.False(evt.Contexts.ContainsKey("log"));
    }

    [Fact]
    public void The_event_is_captured_on_the_thread_that_logged_it_with_that_threads_stack()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();
        var threadId = Environment.CurrentManagedThreadId;

        logger.Error(Throw.Caught(() => new InvalidOperationException("x")), "Failed");
        logger.Error("Failed without an exception");

        var withException = sentry.Events.Single(e => e.Message == "Failed");
        var exception = withException.Json.GetProperty("exception").GetProperty("values")[0];
        Assert.Equal(threadId, exception.GetProperty("thread_id").GetInt32());
        // Without an exception the SDK attaches the stack of the thread that captures: this test's.
        var thread = sentry.Events.Single(e => e.Message == "Failed without an exception").Json.GetProperty("threads").GetProperty("values")[0];
        Assert.Equal(threadId, thread.GetProperty("id").GetInt32());
        Assert.True(thread.GetProperty("current").GetBoolean());
        Assert.Contains(nameof(The_event_is_captured_on_the_thread_that_logged_it_with_that_threads_stack), thread.GetProperty("stacktrace").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_event_reports_the_cultures_of_the_thread_that_logged_it_and_renders_invariantly()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();
        var (culture, uiCulture) = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("fr-FR");
        try
        {
            logger.Error("Charge of {amount} failed", 12.5);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
            System.Globalization.CultureInfo.CurrentUICulture = uiCulture;
        }

        var evt = sentry.Events.Single();
        // One rendering for every locale, so that the same failure reads (and is searched) the same.
        Assert.Equal("Charge of 12.5 failed", evt.Formatted);
        var contexts = evt.Json.GetProperty("contexts");
        Assert.Equal("de-DE", contexts.GetProperty("Current Culture").GetProperty("name").GetString());
        Assert.Equal("fr-FR", contexts.GetProperty("Current UI Culture").GetProperty("name").GetString());
    }

    [Fact]
    public void The_event_id_and_timestamp_are_those_of_the_moment_of_the_call()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();

        var before = DateTimeOffset.UtcNow;
        logger.Error("Failed");
        var after = DateTimeOffset.UtcNow;

        var evt = sentry.Events.Single();
        var timestamp = DateTimeOffset.Parse(evt.Json.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(timestamp, before, after);
        Assert.NotEqual(Sentry.SentryId.Empty, evt.EventId);
    }
}
