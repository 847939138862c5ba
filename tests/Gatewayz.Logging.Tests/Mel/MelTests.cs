using Gatewayz.Logging.Mel;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.Extensions.Logging;
using Serilog.Context;

namespace Gatewayz.Logging.Tests;

/// <summary>ILogger&lt;T&gt; with Serilog as the provider behaves exactly like Serilog.</summary>
[Collection(SentrySdkCollection.Name)]
public sealed class MelTests
{
    sealed class ChatService;

    public static TheoryData<string> ScopeKinds => ["dictionary-object", "dictionary-string", "key-value-list", "message-template", "tuple"];

    static IDisposable? BeginScope(Microsoft.Extensions.Logging.ILogger logger, string kind) => kind switch
    {
        "dictionary-object" => logger.BeginScope(new Dictionary<string, object> { ["provider"] = "openrouter", ["table"] = "users", ["attempt"] = 2 }),
        "dictionary-string" => logger.BeginScope(new Dictionary<string, string> { ["provider"] = "openrouter", ["table"] = "users", ["attempt"] = "2" }),
        "key-value-list" => logger.BeginScope(new List<KeyValuePair<string, object>> { new("provider", "openrouter"), new("table", "users"), new("attempt", 2) }),
        "message-template" => logger.BeginScope("Routing {provider} to {table} attempt {attempt}", "openrouter", "users", 2),
        "tuple" => logger.BeginScope(("provider", (object)"openrouter")),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(ScopeKinds))]
    public void BeginScope_contributes_the_same_tags_and_contexts_as_LogContext(string kind)
    {
        using var sentry = SentryCapture.Start();
        var serilog = sentry.CreateSerilogLogger();
        var mel = sentry.CreateLoggerFactory().CreateLogger("Gatewayz.Chat");

        using (LogContext.PushProperty("provider", "openrouter"))
        using (LogContext.PushProperty("table", "users"))
        using (LogContext.PushProperty("attempt", kind == "dictionary-string" ? "2" : 2))
            serilog.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "Gatewayz.Chat").Error("Upstream failed {via}", "serilog");

        using (BeginScope(mel, kind))
            mel.LogError("Upstream failed {via}", "mel");

        var events = sentry.Events;
        Assert.Equal(2, events.Count);
        var fromSerilog = events.Single(e => e.Formatted == "Upstream failed serilog");
        var fromMel = events.Single(e => e.Formatted == "Upstream failed mel");
        Assert.Equal(fromSerilog.Message, fromMel.Message);

        Assert.Equal("openrouter", fromMel.Tags["provider"]);
        Assert.Equal(fromSerilog.Level, fromMel.Level);
        Assert.Equal(fromSerilog.Logger, fromMel.Logger);
        if (kind == "tuple")
            return;

        Assert.Equal(fromSerilog.Tags, fromMel.Tags);
        var serilogLog = fromSerilog.Contexts["log"];
        var melLog = fromMel.Contexts["log"];
        Assert.Equal(serilogLog["attempt"], melLog["attempt"]);
        if (kind == "message-template")
            Assert.Equal(new object[] { "Routing openrouter to users attempt 2" }, (object?[])melLog["Scope"]!);
        else
            Assert.False(melLog.ContainsKey("Scope"));
    }

    [Fact]
    public void Nested_string_dictionary_scopes_let_the_inner_value_win()
    {
        using var sentry = SentryCapture.Start();
        var mel = sentry.CreateLoggerFactory().CreateLogger("Gatewayz.Chat");

        using (mel.BeginScope(new Dictionary<string, string> { ["provider"] = "openrouter", ["gateway"] = "main" }))
        using (mel.BeginScope(new Dictionary<string, string> { ["provider"] = "portkey" }))
        using (mel.BeginScope("plain text scope"))
            mel.LogError("Failed");

        var evt = sentry.Events.Single();
        Assert.Equal("portkey", evt.Tags["provider"]);
        Assert.Equal("main", evt.Tags["gateway"]);
        Assert.Equal(new object[] { "plain text scope" }, (object?[])evt.Contexts["log"]["Scope"]!);
    }

    [Fact]
    public void Critical_becomes_fatal()
    {
        using var sentry = SentryCapture.Start();
        var mel = sentry.CreateLogger<ChatService>();

        mel.LogCritical(Throw.Caught(() => new InvalidOperationException("Database unreachable")), "All writes failing");

        var evt = sentry.Events.Single();
        Assert.Equal("fatal", evt.Level);
        Assert.Equal("Gatewayz.Logging.Tests.MelTests.ChatService", evt.Logger);
    }

    [Theory]
    [InlineData(LogLevel.Trace, null)]
    [InlineData(LogLevel.Debug, null)]
    [InlineData(LogLevel.Information, "info")]
    [InlineData(LogLevel.Warning, "warning")]
    [InlineData(LogLevel.Error, "error")]
    [InlineData(LogLevel.Critical, "fatal")]
    public void MEL_levels_map_like_Serilog_levels(LogLevel level, string? expectedEvent)
    {
        using var sentry = SentryCapture.Start();
        var mel = sentry.CreateLoggerFactory(o => o.MinimumEventLevel = Serilog.Events.LogEventLevel.Information).CreateLogger("Gatewayz.Chat");

        mel.Log(level, "Something");

        Assert.Equal(expectedEvent, sentry.Events.SingleOrDefault()?.Level);
    }

    [Fact]
    public void EventId_is_kept()
    {
        using var sentry = SentryCapture.Start();
        var mel = sentry.CreateLogger<ChatService>();

        mel.LogError(new EventId(4012, "ProviderTimeout"), "Provider {provider} timed out", "together");

        var evt = sentry.Events.Single();
        var eventId = (IReadOnlyDictionary<string, object?>)evt.Contexts["log"]["EventId"]!;
        Assert.Equal(4012L, eventId["Id"]);
        Assert.Equal("ProviderTimeout", eventId["Name"]);
        Assert.Equal("together", evt.Tags["provider"]);
        Assert.Equal("Provider together timed out", evt.Formatted);
        Assert.Equal("Provider {provider} timed out", evt.Message);
    }

    [Fact]
    public void An_event_id_whose_name_holds_a_secret_is_masked_on_every_event()
    {
        using var sentry = SentryCapture.Start();
        var mel = sentry.CreateLogger<ChatService>();
        // One EventId, so the library reuses one structure for it: its verdict must never be remembered as clean.
        var eventId = new EventId(4013, "retry with token=Zk29vX81mQ");

        mel.LogError(eventId, "Provider {provider} timed out", "together");
        mel.LogError(eventId, "Provider {provider} timed out", "together");

        Assert.Equal(2, sentry.Events.Count);
        Assert.All(sentry.Events, evt =>
        {
            var name = (string?)((IReadOnlyDictionary<string, object?>)evt.Contexts["log"]["EventId"]!)["Name"];
            Assert.DoesNotContain("Zk29vX81mQ", name, StringComparison.Ordinal);
            Assert.StartsWith("retry with token=", name, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("UnhandledException", false)]
    [InlineData("ApplicationError", false)]
    [InlineData("BackgroundServiceFaulted", false)]
    [InlineData("ProviderTimeout", true)]
    public void Events_reporting_an_uncaught_exception_are_marked_unhandled(string eventName, bool handled)
    {
        using var sentry = SentryCapture.Start();
        var mel = sentry.CreateLoggerFactory().CreateLogger("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware");

        mel.LogError(new EventId(1, eventName), Throw.Caught(() => new InvalidOperationException("x")), "An unhandled exception has occurred while executing the request.");

        Assert.Equal(handled, sentry.Events.Single().Exception!.Handled);
    }

    [Fact]
    public void MEL_level_filters_are_respected()
    {
        using var sentry = SentryCapture.Start();
        var factory = sentry.CreateLoggerFactory(configureLogging: b => b.AddFilter("Noisy", LogLevel.Critical));

        factory.CreateLogger("Noisy.Component").LogError("Filtered out by MEL");
        factory.CreateLogger("Quiet.Component").LogError("Let through");

        Assert.Equal("Let through", sentry.Events.Single().Formatted);
    }

    [Fact]
    public void The_call_s_own_properties_win_over_scopes_and_inner_scopes_over_outer_ones()
    {
        using var sentry = SentryCapture.Start();
        var mel = sentry.CreateLogger<ChatService>();

        using (mel.BeginScope(new Dictionary<string, object> { ["provider"] = "openrouter", ["region"] = "eu" }))
        using (mel.BeginScope(new Dictionary<string, object> { ["provider"] = "portkey" }))
        {
            mel.LogError("Scoped failure");
            mel.LogError("Failure of {provider}", "together");
        }

        var scoped = sentry.Events.Single(e => e.Formatted == "Scoped failure");
        Assert.Equal("portkey", scoped.Tags["provider"]);
        Assert.Equal("eu", scoped.Contexts["log"]["region"]);
        var own = sentry.Events.Single(e => e.Formatted == "Failure of together");
        Assert.Equal("together", own.Tags["provider"]);
        Assert.Equal("eu", own.Contexts["log"]["region"]);
    }

    [Fact]
    public void Destructuring_and_stringifying_names_work_as_in_Serilog()
    {
        using var sentry = SentryCapture.Start();
        var mel = sentry.CreateLogger<ChatService>();

        using (mel.BeginScope(new Dictionary<string, object> { ["@route"] = new { region = "eu", weight = 3 } }))
            mel.LogError("Charge {@charge} returned {$status}", new { amount = 1200, currency = "usd" }, new StatusText("declined"));

        // Structures become contexts of their own; the stringified value is plain text in the log context.
        var evt = sentry.Events.Single();
        Assert.Equal(1200L, evt.Contexts["charge"]["amount"]);
        Assert.Equal("usd", evt.Contexts["charge"]["currency"]);
        Assert.Equal("eu", evt.Contexts["route"]["region"]);
        Assert.Equal("status: declined", evt.Contexts["log"]["status"]);
    }

    [Fact]
    public void A_state_without_a_template_is_rendered_by_MELs_formatter()
    {
        using var sentry = SentryCapture.Start();
        var mel = sentry.CreateLogger<ChatService>();

        mel.Log(LogLevel.Error, new EventId(7), new StatusText("refund failed"), null, static (state, _) => $"rendered {state}");

        Assert.Equal("rendered status: refund failed", sentry.Events.Single().Formatted);
    }

    [Fact]
    public void Every_sink_gets_the_category_the_trace_of_the_current_activity_and_Serilogs_level_overrides()
    {
        var sink = new CollectingSink();
        var serilog = new Serilog.LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Gatewayz", Serilog.Events.LogEventLevel.Debug)
            .MinimumLevel.Override("Quiet", Serilog.Events.LogEventLevel.Error)
            .WriteTo.Sink(sink)
            .CreateLogger();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddSerilogRespectingFilters(serilog, dispose: true));
        using var activity = new System.Diagnostics.Activity("checkout").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start();

        // An override may lower a category's level below the logger's, or raise it.
        factory.CreateLogger("Gatewayz.Checkout").LogDebug("Quote {amount}", 12);
        factory.CreateLogger("Quiet.Poller").LogWarning("Below the override");
        factory.CreateLogger("Other").LogDebug("Below the minimum level");

        var logEvent = Assert.Single(sink.Events);
        Assert.Equal(Serilog.Events.LogEventLevel.Debug, logEvent.Level);
        Assert.Equal("\"Gatewayz.Checkout\"", logEvent.Properties[Serilog.Core.Constants.SourceContextPropertyName].ToString());
        Assert.Equal(activity.TraceId, logEvent.TraceId);
        Assert.Equal(activity.SpanId, logEvent.SpanId);
        Assert.Equal("Quote 12", logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_scope_a_value_or_a_formatter_that_throws_costs_only_itself_never_the_event()
    {
        using var selfLog = new SelfLogRecorder();
        using var sentry = SentryCapture.Start();
        var mel = sentry.CreateLogger<ChatService>();

        using (mel.BeginScope(new Dictionary<string, object> { ["provider"] = "openrouter" }))
        using (mel.BeginScope(new UnreadablePairs()))
            mel.LogError("Refund {$status} failed", new Unprintable());
        mel.Log(LogLevel.Error, new EventId(9), new Unprintable(), null, static (state, _) => state.ToString()!);

        var refund = sentry.Events.Single(e => e.Message == "Refund {$status} failed");
        Assert.Equal("Refund [Unprintable: ToString() failed] failed", refund.Formatted);
        Assert.Equal("openrouter", refund.Tags["provider"]);
        Assert.Contains(sentry.Events, e => e.Formatted == "[Unprintable: ToString() failed]");
        Assert.Contains($"Gatewayz.Logging: a Microsoft.Extensions.Logging scope of type {typeof(UnreadablePairs).FullName} could not be read and was left out", selfLog.Text, StringComparison.Ordinal);
    }

    sealed class Unprintable
    {
        public override string ToString() => throw new InvalidOperationException("ToString exploded");
    }

    sealed class UnreadablePairs : IEnumerable<KeyValuePair<string, object?>>
    {
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => throw new InvalidOperationException("enumeration exploded");
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    sealed class StatusText(string text)
    {
        public override string ToString() => $"status: {text}";
    }
}
