using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using Gatewayz.Logging.Mapping;
using Gatewayz.Logging.Redaction;
using Gatewayz.Logging.Tests.Support;
using Sentry;
using Serilog.Events;

namespace Gatewayz.Logging.Tests;

/// <summary>
/// The event mapping on its own: a Serilog event in, a <see cref="SentryEvent"/> filled and written as
/// the SDK writes it (its public <c>WriteTo</c>), with no SDK running and no shared state, so these run in
/// parallel with everything else. The same rules end to end, through the SDK, are in <see cref="MappingTests"/>.
/// </summary>
public sealed class LogEventMapperTests
{
    static readonly LogEventMapper Mapper = new(new[] { "provider", "model_id" }.ToFrozenSet(StringComparer.Ordinal), new Redactor());

    static (SentryEvent Event, JsonElement Json) Map(LogEvent logEvent)
    {
        var sentryEvent = new SentryEvent();
        Mapper.Apply(logEvent, sentryEvent, MessageRenderer.Render(logEvent, new Redactor(), remember: false));
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            sentryEvent.WriteTo(writer, null);
        return (sentryEvent, JsonDocument.Parse(Encoding.UTF8.GetString(buffer.ToArray())).RootElement.Clone());
    }

    [Theory]
    [InlineData(LogEventLevel.Verbose, SentryLevel.Debug)]
    [InlineData(LogEventLevel.Debug, SentryLevel.Debug)]
    [InlineData(LogEventLevel.Information, SentryLevel.Info)]
    [InlineData(LogEventLevel.Warning, SentryLevel.Warning)]
    [InlineData(LogEventLevel.Error, SentryLevel.Error)]
    [InlineData(LogEventLevel.Fatal, SentryLevel.Fatal)]
    public void Levels_map_to_Sentry_levels(LogEventLevel level, SentryLevel expected)
    {
        var (sentryEvent, _) = Map(LoggedEvent.Of(l => l.Write(level, "Queue drained")));

        Assert.Equal(expected, sentryEvent.Level);
    }

    [Fact]
    public void The_template_is_the_message_and_the_rendered_text_is_formatted()
    {
        var (sentryEvent, _) = Map(LoggedEvent.Of(l => l.Error("Provider {provider} failed after {attempt} tries", "openrouter", 3)));

        Assert.Equal("Provider {provider} failed after {attempt} tries", sentryEvent.Message!.Message);
        Assert.Equal("Provider openrouter failed after 3 tries", sentryEvent.Message.Formatted);
    }

    [Fact]
    public void Listed_scalars_are_tags_structures_are_contexts_and_the_rest_is_the_log_context()
    {
        var (sentryEvent, json) = Map(LoggedEvent.Of(l => l
            .ForContext("provider", "openrouter")
            .ForContext("attempt", 3)
            .ForContext("database", new { table = "users", operation = "insert" }, destructureObjects: true)
            .Error("Failed")));

        Assert.Equal("openrouter", sentryEvent.Tags["provider"]);
        Assert.DoesNotContain("attempt", sentryEvent.Tags.Keys);
        var contexts = json.GetProperty("contexts");
        Assert.Equal("users", contexts.GetProperty("database").GetProperty("table").GetString());
        Assert.Equal("insert", contexts.GetProperty("database").GetProperty("operation").GetString());
        Assert.Equal(3, contexts.GetProperty("log").GetProperty("attempt").GetInt32());
    }

    [Fact]
    public void SourceContext_is_the_logger_and_user_id_the_user()
    {
        var (sentryEvent, _) = Map(LoggedEvent.Of(l => l.ForContext("SourceContext", "Gatewayz.Payments").ForContext("user_id", 4217).Error("Failed")));

        Assert.Equal("Gatewayz.Payments", sentryEvent.Logger);
        Assert.Equal("4217", sentryEvent.User.Id);
    }

    [Fact]
    public void A_tag_value_Sentry_would_drop_is_made_valid()
    {
        var (sentryEvent, _) = Map(LoggedEvent.Of(l => l.ForContext("model_id", "openai/gpt-4o\nmini " + new string('x', 300)).Error("Failed")));

        var value = sentryEvent.Tags["model_id"];
        Assert.True(value.Length <= 200, $"{value.Length} characters");
        Assert.DoesNotContain('\n', value);
        Assert.StartsWith("openai/gpt-4o", value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sensitive_key_is_filtered_wherever_it_lands()
    {
        var (_, json) = Map(LoggedEvent.Of(l => l
            .ForContext("password", "hunter2-correct-horse")
            .ForContext("stripe", new { customer = "cus_42", api_key = "sk_live_abcdefghijklmnop" }, destructureObjects: true)
            .Error("Failed")));

        var text = json.GetRawText();
        Assert.DoesNotContain("hunter2-correct-horse", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk_live_abcdefghijklmnop", text, StringComparison.Ordinal);
        Assert.Equal("cus_42", json.GetProperty("contexts").GetProperty("stripe").GetProperty("customer").GetString());
    }
}
