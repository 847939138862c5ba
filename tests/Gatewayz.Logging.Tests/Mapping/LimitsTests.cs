using System.Text;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Serilog;
using Serilog.Context;
using Serilog.Events;

namespace Gatewayz.Logging.Tests;

/// <summary>Tags and contexts respect Sentry's limits, with a visible marker where something was cut.</summary>
[Collection(SentrySdkCollection.Name)]
public sealed class LimitsTests
{
    [Fact]
    public void Tags_are_made_valid_instead_of_being_dropped_by_Sentry()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger(o =>
        {
            o.TagProperties.Add("release");
            o.TagProperties.Add("a property name much longer than thirty-two characters");
        });

        using (LogContext.PushProperty("provider", "open\nrouter"))
        using (LogContext.PushProperty("operation", new string('o', 300)))
        using (LogContext.PushProperty("table", ""))
        using (LogContext.PushProperty("release", "mine"))
        using (LogContext.PushProperty("a property name much longer than thirty-two characters", "v"))
            logger.Error("Failed");

        var evt = sentry.Events.Single();
        Assert.Equal("open router", evt.Tags["provider"]);
        Assert.Equal(200, evt.Tags["operation"].Length);
        Assert.Equal("(empty)", evt.Tags["table"]);
        Assert.Equal("mine", evt.Tags["log_release"]);
        Assert.Equal("v", evt.Tags["a_property_name_much_longer_than"]);
        Assert.All(evt.Tags, t =>
        {
            Assert.Matches("^[A-Za-z0-9_.:-]{1,32}$", t.Key);
            Assert.InRange(t.Value.Length, 1, 200);
            Assert.DoesNotContain('\n', t.Value);
        });

        // What a tag could not carry unchanged is kept whole in the log context.
        var log = sentry.Events.Single().Contexts["log"];
        Assert.Equal(new string('o', 300), log["operation"]);
        Assert.Equal("open\nrouter", log["provider"]);
    }

    [Fact]
    public void A_context_over_8_KB_is_cut_with_a_marker()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();
        var fields = Enumerable.Range(0, 400).ToDictionary(i => $"field_{i:D3}", i => (object)$"value number {i} with some padding text");

        logger.Error("Failed {details}", fields);

        var evt = sentry.Events.Single();
        var raw = evt.Json.GetProperty("contexts").GetProperty("details").GetRawText();
        Assert.True(Encoding.UTF8.GetByteCount(raw) <= 8 * 1024, $"{Encoding.UTF8.GetByteCount(raw)} bytes");
        var details = evt.Contexts["details"];
        Assert.Contains("more fields cut at the size limit", (string)details["_truncated"]!, StringComparison.Ordinal);
        Assert.Equal("value number 0 with some padding text", details["field_000"]);
    }

    [Fact]
    public void A_long_string_in_a_context_is_cut_and_says_how_much_was_cut()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();

        logger.Error("Failed {@upstream}", new { status = 502, body = new string('b', 20_000) });

        var upstream = sentry.Events.Single().Contexts["upstream"];
        Assert.Equal(502L, upstream["status"]);
        var body = (string)upstream["body"]!;
        Assert.True(body.Length < 8 * 1024);
        Assert.Matches(@"^b+…\[\+\d+ chars\]$", body);
    }

    [Fact]
    public void Nesting_deeper_than_7_levels_is_cut_with_a_marker()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();
        object nested = "bottom";
        for (var i = 0; i < 12; i++)
            nested = new Dictionary<string, object> { ["level"] = nested };

        logger.Error("Failed {deep}", nested);

        var deep = sentry.Events.Single().Contexts["deep"];
        var depth = 1;
        object? current = deep;
        while (current is IReadOnlyDictionary<string, object?> dictionary)
        {
            current = dictionary["level"];
            depth++;
        }
        Assert.Equal(7, depth - 1);
        Assert.StartsWith("[cut: nested deeper than 7 levels]", (string)current!, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_longer_than_8192_characters_are_cut_and_say_so()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();

        logger.Error("Upstream said {body}", new string('x', 20_000));

        var evt = sentry.Events.Single();
        Assert.True(evt.Formatted!.Length <= 8192);
        Assert.Matches(@"…\[\+\d+ chars\]$", evt.Formatted);
    }

    [Fact]
    public void Non_finite_numbers_become_strings_so_the_json_stays_valid()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();

        logger.Error("Failed {@stats}", new { nan = double.NaN, inf = double.PositiveInfinity, ninf = float.NegativeInfinity, min = DateTime.MinValue });

        var stats = sentry.Events.Single().Contexts["stats"];
        Assert.Equal("NaN", stats["nan"]);
        Assert.Equal("Infinity", stats["inf"]);
        Assert.Equal("-Infinity", stats["ninf"]);
        Assert.Equal("0001-01-01T00:00:00.0000000", stats["min"]);
    }

    [Fact]
    public void Breadcrumb_data_stays_within_its_budget()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();

        logger.Information("Big {a} {b} {c} {d} {e}", new string('a', 5000), new string('b', 5000), "c", "d", "e");
        logger.Error("Failed");

        var crumb = sentry.Events.Single().Breadcrumbs.Single();
        var total = crumb.Data.Sum(d => d.Key.Length + (d.Value?.Length ?? 0));
        Assert.True(total <= 2 * 1024 + 200, $"{total} characters");
        Assert.EndsWith("chars]", crumb.Data["a"], StringComparison.Ordinal);
        Assert.True(crumb.Message!.Length <= 1024);
    }
}
