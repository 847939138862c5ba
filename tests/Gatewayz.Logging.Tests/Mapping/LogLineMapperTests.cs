using System.Collections.Concurrent;
using Gatewayz.Logging.Mapping;
using Gatewayz.Logging.Redaction;
using Gatewayz.Logging.Tests.Support;
using Sentry;
using Serilog.Events;

namespace Gatewayz.Logging.Tests;

/// <summary>
/// The log-line mapping on its own: a Serilog event in, the line's level, body and attributes out.
/// No SDK and no shared state, so these run in parallel with everything else; what the SDK then sends
/// is asserted end to end in the Logs tests.
/// </summary>
public sealed class LogLineMapperTests
{
    static readonly LogLineMapper Mapper = new(new Redactor());

    static LogLine Map(LogEvent logEvent, IReadOnlyDictionary<string, string>? scopeTags = null) =>
        Mapper.Map(logEvent, MessageRenderer.Render(logEvent, new Redactor(), remember: false), scopeTags);

    static Dictionary<string, object> Attributes(LogLine line) => line.Attributes.ToDictionary(a => a.Key, a => a.Value);

    [Theory]
    [InlineData(LogEventLevel.Verbose, SentryLogLevel.Trace)]
    [InlineData(LogEventLevel.Debug, SentryLogLevel.Debug)]
    [InlineData(LogEventLevel.Information, SentryLogLevel.Info)]
    [InlineData(LogEventLevel.Warning, SentryLogLevel.Warning)]
    [InlineData(LogEventLevel.Error, SentryLogLevel.Error)]
    [InlineData(LogEventLevel.Fatal, SentryLogLevel.Fatal)]
    public void Levels_map_to_Sentry_log_levels(LogEventLevel level, SentryLogLevel expected)
    {
        var line = Map(LoggedEvent.Of(l => l.Write(level, "Queue drained")));

        Assert.Equal(expected, line.Level);
        Assert.Equal("Queue drained", line.Body);
    }

    [Fact]
    public void A_template_parameter_is_an_attribute_under_its_parameter_name_and_its_own_dots_included()
    {
        var attributes = Attributes(Map(LoggedEvent.Of(l => l.Information("Routing to {provider} via {Queue.Name}", "openrouter", "chat-high"))));

        Assert.Equal("Routing to {provider} via {Queue.Name}", attributes[LogLineMapper.Template]);
        Assert.Equal("openrouter", attributes["sentry.message.parameter.provider"]);
        Assert.Equal("openrouter", attributes["provider"]);
        Assert.Equal("chat-high", attributes["sentry.message.parameter.Queue.Name"]);
        Assert.Equal("chat-high", attributes["Queue.Name"]);
    }

    [Fact]
    public void The_body_is_the_rendered_message_with_strings_unquoted()
    {
        var line = Map(LoggedEvent.Of(l => l.Information("Routing to {provider} after {attempt} tries", "openrouter", 3)));

        Assert.Equal("Routing to openrouter after 3 tries", line.Body);
    }

    [Fact]
    public void Category_and_MEL_event_id_get_their_Sentry_names_and_numbers_stay_numbers()
    {
        var eventId = new StructureValue([new LogEventProperty("Id", new ScalarValue(42)), new LogEventProperty("Name", new ScalarValue("Routed"))]);
        var attributes = Attributes(Map(LoggedEvent.Of(l => l
            .ForContext("SourceContext", "Gatewayz.Router")
            .ForContext(new PropertyValueEnricher("EventId", eventId))
            .Information("Routed"))));

        Assert.Equal("Gatewayz.Router", attributes[LogLineMapper.Category]);
        Assert.Equal(42L, attributes[LogLineMapper.EventId]);
        Assert.Equal("Routed", attributes[LogLineMapper.EventName]);
        Assert.DoesNotContain("SourceContext", attributes.Keys);
    }

    [Fact]
    public void A_structured_value_is_flattened_to_dotted_names_with_its_types()
    {
        var attributes = Attributes(Map(LoggedEvent.Of(l => l.Information("Charged {@order}", new { id = 7, total = 19.5m, paid = true }))));

        Assert.Equal(7L, attributes["order.id"]);
        Assert.Equal(19.5d, attributes["order.total"]);
        Assert.Equal(true, attributes["order.paid"]);
    }

    [Fact]
    public void A_sensitive_key_is_filtered_and_a_secret_in_any_text_is_masked()
    {
        var attributes = Attributes(Map(LoggedEvent.Of(l => l
            .ForContext("api_key", "gw_live_1234")
            .ForContext("note", "called with Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl")
            .Information("Called"))));

        Assert.Equal("[Filtered]", attributes["api_key"]);
        Assert.DoesNotContain("eyJzdWIiOiIxIn0", (string)attributes["note"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_scope_tags_are_added_unless_a_property_has_their_name()
    {
        var scopeTags = new Dictionary<string, string> { ["http.route"] = "/v1/chat", ["provider"] = "portkey" };

        var attributes = Attributes(Map(LoggedEvent.Of(l => l.ForContext("provider", "openrouter").Information("Routed")), scopeTags));

        Assert.Equal("/v1/chat", attributes["http.route"]);
        Assert.Equal("openrouter", attributes["provider"]);
    }

    [Fact]
    public void The_scope_tags_are_read_from_the_dictionary_the_SDK_keeps_them_in_empty_or_not()
    {
        // Sentry's scope keeps its tags in a ConcurrentDictionary, which the mapper asks IsEmpty first.
        var scopeTags = new ConcurrentDictionary<string, string>();
        var logEvent = LoggedEvent.Of(l => l.Information("Routed"));

        var before = Attributes(Map(logEvent, scopeTags));
        scopeTags["http.route"] = "/v1/chat";
        var after = Attributes(Map(logEvent, scopeTags));

        Assert.DoesNotContain("http.route", before.Keys);
        Assert.Equal("/v1/chat", after["http.route"]);
    }

    [Fact]
    public void An_exception_becomes_its_type_message_and_stack_trace()
    {
        var attributes = Attributes(Map(LoggedEvent.Of(l => l.Error(Throw.Caught(() => new TimeoutException("upstream timed out")), "Provider failed"))));

        Assert.Equal(typeof(TimeoutException).FullName, attributes[LogLineMapper.ExceptionType]);
        Assert.Equal("upstream timed out", attributes[LogLineMapper.ExceptionMessage]);
        Assert.Contains("TimeoutException: upstream timed out", (string)attributes[LogLineMapper.ExceptionStackTrace], StringComparison.Ordinal);
    }

    sealed class PropertyValueEnricher(string name, LogEventPropertyValue value) : Serilog.Core.ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, Serilog.Core.ILogEventPropertyFactory propertyFactory) =>
            logEvent.AddPropertyIfAbsent(new LogEventProperty(name, value));
    }
}
