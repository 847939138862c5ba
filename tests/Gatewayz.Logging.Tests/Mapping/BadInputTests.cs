using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.Extensions.Logging;
using Serilog.Context;
using Serilog.Core;
using Serilog.Core.Enrichers;
using Serilog.Events;

namespace Gatewayz.Logging.Tests;

/// <summary>
/// Hostile input, through Serilog and through ILogger: the app's call returns, the event is valid
/// for Sentry (strict JSON, numbers a double can hold, tags and texts within Sentry's limits) and
/// under its 1 MB limit, what was cut is marked in the event, and SelfLog says what happened.
/// Cases covered elsewhere: LimitsTests (tag rules through LogContext, one 8 KB context, a long
/// string in a context, 12 levels deep, long messages, NaN in a structure, breadcrumb budget),
/// SafetyTests (a property value whose ToString throws).
/// </summary>
[Collection(SentrySdkCollection.Name)]
public sealed class BadInputTests
{
    public enum Api
    {
        Serilog,
        ILogger,
    }

    public static TheoryData<Api> Apis => [Api.Serilog, Api.ILogger];

    const int SentryEventLimit = 1024 * 1024;
    const int TenMegabytes = 10 * 1024 * 1024;

    static readonly HashSet<string> SdkContexts = ["app", "device", "os", "runtime", "trace", "Current Culture", "Current UI Culture", "Memory Info", "ThreadPool Info", "Dynamic Code"];

    sealed class MessageThrowingException : Exception
    {
        public override string Message => throw new InvalidOperationException("Message exploded");
    }

    sealed class StackTraceThrowingException() : Exception("card declined")
    {
        public override string StackTrace => throw new InvalidOperationException("StackTrace exploded");
    }

    sealed class ToStringThrowingException() : Exception("card declined")
    {
        public override string ToString() => throw new InvalidOperationException("ToString exploded");
    }

    sealed class Node
    {
        public string Name { get; init; } = "";
        public Node? Next { get; set; }
    }

    /// <summary>Adds scalars that neither Serilog nor MEL would capture as numbers: only an enricher can.</summary>
    sealed class BigIntegerEnricher : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
        {
            logEvent.AddOrUpdateProperty(new LogEventProperty("huge", new ScalarValue(BigInteger.Pow(10, 400))));
            logEvent.AddOrUpdateProperty(new LogEventProperty("large", new ScalarValue(BigInteger.Pow(10, 18))));
        }
    }

    /// <summary>
    /// Logs one error through <paramref name="api"/>: Serilog with the scope pushed on LogContext
    /// (a key starting with <c>@</c> is destructured), or ILogger with the scope as a BeginScope
    /// dictionary. Returns what the call threw, which must be nothing.
    /// </summary>
    static Exception? LogError(SentryCapture sentry, Api api, Exception? exception, IReadOnlyDictionary<string, object?> scope, string template, params object?[] args) =>
        Record.Exception(() =>
        {
            if (api == Api.Serilog)
            {
                var logger = sentry.CreateSerilogLogger();
                var pushed = scope.Select(p => p.Key.StartsWith('@')
                    ? LogContext.PushProperty(p.Key[1..], p.Value, destructureObjects: true)
                    : LogContext.PushProperty(p.Key, p.Value)).ToList();
                try
                {
                    logger.Error(exception, template, args);
                }
                finally
                {
                    for (var i = pushed.Count - 1; i >= 0; i--)
                        pushed[i].Dispose();
                }
            }
            else
            {
                var logger = sentry.CreateLogger<BadInputTests>();
                using (logger.BeginScope(new Dictionary<string, object?>(scope)))
                    logger.LogError(exception, template, args);
            }
        });

    static readonly Dictionary<string, object?> NoScope = [];

    /// <summary>The one event sent, after checking that Sentry would accept it whole.</summary>
    static CapturedEvent SingleValidEvent(SentryCapture sentry)
    {
        var payload = Assert.Single(sentry.Envelopes.SelectMany(e => e.Items), i => i.Type == "event").Payload;
        Assert.True(payload.Length < SentryEventLimit, $"The event is {payload.Length:N0} bytes; Sentry rejects events over 1 MB.");
        using (var strict = JsonDocument.Parse(payload, new JsonDocumentOptions { AllowDuplicateProperties = false }))
            AssertNumbersFitADouble(strict.RootElement);

        var evt = sentry.Transport.Events.Single();
        Assert.All(evt.Tags, t =>
        {
            Assert.Matches("^[A-Za-z0-9_.:-]{1,32}$", t.Key);
            Assert.InRange(t.Value.Length, 1, 200);
            Assert.DoesNotContain(t.Value, char.IsControl);
        });
        Assert.InRange(evt.Message?.Length ?? 0, 0, 8192);
        Assert.InRange(evt.Formatted?.Length ?? 0, 0, 8192);
        Assert.All(evt.Exceptions, e => Assert.InRange(e.Value?.Length ?? 0, 0, 8192));
        foreach (var context in evt.Json.GetProperty("contexts").EnumerateObject().Where(c => !SdkContexts.Contains(c.Name)))
            Assert.True(Encoding.UTF8.GetByteCount(context.Value.GetRawText()) <= 8 * 1024, $"context '{context.Name}' is over 8 KB");
        return evt;
    }

    /// <summary>Sentry reads JSON numbers as doubles: a number beyond one would make the event unreadable.</summary>
    static void AssertNumbersFitADouble(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    AssertNumbersFitADouble(property.Value);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    AssertNumbersFitADouble(item);
                break;
            case JsonValueKind.Number:
                Assert.True(element.TryGetDouble(out var number) && double.IsFinite(number), $"{element.GetRawText()} is not a number Sentry can read");
                break;
        }
    }

    static string Thousands(int number) => number.ToString("N0", CultureInfo.InvariantCulture);

    static IReadOnlyDictionary<string, object?> Dictionary(object? value) => Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(value);

    /// <summary>How many levels of <paramref name="field"/> the context has, and what is at the bottom.</summary>
    static (int Depth, object? Bottom) Nesting(IReadOnlyDictionary<string, object?> context, string field)
    {
        var depth = 1;
        object? current = context;
        while (current is IReadOnlyDictionary<string, object?> level && level.TryGetValue(field, out var next))
        {
            current = next;
            depth++;
        }
        return (depth - 1, current);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void A_null_exception_is_an_event_without_exceptions_and_nothing_to_report(Api api)
    {
        using var selfLog = new SelfLogRecorder();
        using var sentry = SentryCapture.Start();

        Assert.Null(LogError(sentry, api, null, NoScope, "Payment {payment_id} failed", "pay_42"));

        var evt = SingleValidEvent(sentry);
        Assert.Equal("Payment pay_42 failed", evt.Formatted);
        Assert.Empty(evt.Exceptions);
        Assert.DoesNotContain("Gatewayz.Logging:", selfLog.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void An_exception_whose_Message_throws_keeps_its_type_and_frames_and_SelfLog_says_so(Api api)
    {
        using var selfLog = new SelfLogRecorder();
        using var sentry = SentryCapture.Start();

        Assert.Null(LogError(sentry, api, Throw.Caught(() => new MessageThrowingException()), NoScope, "Checkout failed"));

        // Left to the SDK, the event would arrive without any exception at all.
        var exception = Assert.Single(SingleValidEvent(sentry).Exceptions);
        Assert.Equal(typeof(MessageThrowingException).FullName, exception.Type);
        Assert.Equal("[Message could not be read: InvalidOperationException: Message exploded]", exception.Value);
        Assert.True(exception.FrameCount > 0);
        Assert.True(exception.Handled);
        Assert.Contains("Gatewayz.Logging: event ", selfLog.Text, StringComparison.Ordinal);
        Assert.Contains("the Sentry SDK cannot read the logged exception (MessageThrowingException.Message threw InvalidOperationException)", selfLog.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_breadcrumb_of_an_exception_whose_Message_throws_says_so_as_the_event_would()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();

        logger.Warning(Throw.Caught(() => new MessageThrowingException()), "Checkout retried");
        logger.Error("Checkout failed");

        var crumb = SingleValidEvent(sentry).Breadcrumbs.Single();
        Assert.Equal(typeof(MessageThrowingException).FullName, crumb.Data["exception_type"]);
        Assert.Equal("[Message could not be read: InvalidOperationException: Message exploded]", crumb.Data["exception_message"]);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void An_exception_whose_StackTrace_throws_keeps_the_SDKs_own_data_and_SelfLog_says_so(Api api)
    {
        using var selfLog = new SelfLogRecorder();
        using var sentry = SentryCapture.Start();

        Assert.Null(LogError(sentry, api, Throw.Caught(() => new StackTraceThrowingException()), NoScope, "Checkout failed"));

        var evt = SingleValidEvent(sentry);
        var exception = Assert.Single(evt.Exceptions);
        Assert.Equal(typeof(StackTraceThrowingException).FullName, exception.Type);
        Assert.Equal("card declined", exception.Value);
        Assert.True(exception.FrameCount > 0);
        var mechanismData = evt.Json.GetProperty("exception").GetProperty("values")[0].GetProperty("mechanism").GetProperty("data");
        Assert.Equal("[StackTrace could not be read: InvalidOperationException]", mechanismData.GetProperty("StackTrace").GetString());
        // Left to the SDK, its main processor would stop at the StackTrace: no runtime, memory or culture data.
        Assert.Contains("runtime", evt.Contexts.Keys);
        Assert.Contains("Memory Info", evt.Contexts.Keys);
        Assert.Contains("StackTraceThrowingException.StackTrace threw InvalidOperationException", selfLog.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void An_exception_whose_ToString_throws_is_sent_as_it_is(Api api)
    {
        using var selfLog = new SelfLogRecorder();
        using var sentry = SentryCapture.Start();

        Assert.Null(LogError(sentry, api, Throw.Caught(() => new ToStringThrowingException()), NoScope, "Checkout failed"));

        // Neither the mapping nor the SDK calls ToString: nothing was replaced, nothing to report.
        var exception = Assert.Single(SingleValidEvent(sentry).Exceptions);
        Assert.Equal(typeof(ToStringThrowingException).FullName, exception.Type);
        Assert.Equal("card declined", exception.Value);
        Assert.True(exception.FrameCount > 0);
        Assert.DoesNotContain("Gatewayz.Logging:", selfLog.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void An_AggregateException_of_100_inner_exceptions_is_sent_whole(Api api)
    {
        using var selfLog = new SelfLogRecorder();
        using var sentry = SentryCapture.Start();
        var inner = Enumerable.Range(0, 100).Select(i => Throw.Caught(() => new HttpRequestException($"provider {i} answered 502"))).ToArray();

        Assert.Null(LogError(sentry, api, Throw.Caught(() => new AggregateException(inner)), NoScope, "Fan-out to providers failed"));

        var exceptions = SingleValidEvent(sentry).Exceptions;
        Assert.Equal(101, exceptions.Count);
        Assert.Equal("System.AggregateException", exceptions[^1].Type);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"provider {i} answered 502").Order(), exceptions.SkipLast(1).Select(e => e.Value).Order());
        Assert.All(exceptions, e => Assert.True(e.FrameCount > 0));
        Assert.DoesNotContain("Gatewayz.Logging:", selfLog.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void An_AggregateException_of_100_deep_failures_with_long_messages_is_cut_to_fit_and_says_so(Api api)
    {
        using var selfLog = new SelfLogRecorder();
        using var sentry = SentryCapture.Start();
        var body = new string('b', 20_000);
        var inner = Enumerable.Range(0, 100).Select(i => DeepThrow.From($"provider {i} answered 502: {body}")).ToArray();

        Assert.Null(LogError(sentry, api, Throw.Caught(() => new AggregateException(inner)), NoScope, "Fan-out to providers failed"));

        // Uncut, the messages alone would be 2 MB.
        var evt = SingleValidEvent(sentry);
        Assert.Equal(101, evt.Exceptions.Count);
        var messages = evt.Exceptions.SkipLast(1).Select(e => e.Value!).ToArray();
        Assert.All(messages, m => Assert.Matches(@"^provider \d+ answered 502: b+…\[\+\d+ chars\]$", m));
        Assert.All(messages, m => Assert.True(m.Length <= 64 * 1024 / 101, $"{m.Length} characters"));
        var frames = evt.Json.GetProperty("exception").GetProperty("values").EnumerateArray()
            .Select(e => e.GetProperty("stacktrace").GetProperty("frames").EnumerateArray().Select(f => f.TryGetProperty("function", out var fn) ? fn.GetString() : null).ToArray())
            .ToArray();
        Assert.True(frames.Sum(f => f.Length) <= 101 * 7, $"{frames.Sum(f => f.Length)} frames");
        Assert.Contains(frames.SelectMany(f => f), f => f is not null && f.StartsWith("[cut: ", StringComparison.Ordinal) && f.EndsWith("frames, to keep the event under Sentry's 1 MB limit]", StringComparison.Ordinal));
        Assert.Contains("was cut to stay under Sentry's 1 MB event limit: 100 exception messages shortened to 648 characters", selfLog.Text, StringComparison.Ordinal);
        Assert.Contains("stack frames left out of the middle of the stack traces", selfLog.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void A_cyclic_object_graph_is_cut_at_7_levels_and_SelfLog_says_so(Api api)
    {
        using var selfLog = new SelfLogRecorder();
        using var sentry = SentryCapture.Start();
        var order = new Node { Name = "order" };
        order.Next = new Node { Name = "refund", Next = order };
        var items = new List<object>();
        items.Add(items);

        Assert.Null(LogError(sentry, api, null, new Dictionary<string, object?> { ["items"] = items }, "Order {@order} failed", order));

        var evt = SingleValidEvent(sentry);
        var (depth, bottom) = Nesting(evt.Contexts["order"], "Next");
        Assert.Equal(7, depth);
        Assert.Equal("[cut: nested deeper than 7 levels]", bottom);
        Assert.Equal("refund", Dictionary(evt.Contexts["order"]["Next"])["Name"]);
        var list = evt.Contexts["log"]["items"];
        for (var level = 1; level < 7; level++)
            list = Assert.Single(Assert.IsType<object?[]>(list));
        Assert.Equal("[cut: nested deeper than 7 levels]", list);
        Assert.Contains("context 'order': 1 values nested deeper than 7 levels cut ([cut: …])", selfLog.Text, StringComparison.Ordinal);
        Assert.Contains("context 'log': 1 values nested deeper than 7 levels cut ([cut: …])", selfLog.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void Nesting_100_deep_is_cut_at_7_levels_and_SelfLog_says_so(Api api)
    {
        using var selfLog = new SelfLogRecorder();
        using var sentry = SentryCapture.Start();
        object nested = "bottom";
        for (var i = 0; i < 100; i++)
            nested = new Dictionary<string, object> { ["level"] = nested };

        Assert.Null(LogError(sentry, api, null, new Dictionary<string, object?> { ["deep"] = nested }, "Routing failed"));

        var (depth, bottom) = Nesting(SingleValidEvent(sentry).Contexts["deep"], "level");
        Assert.Equal(7, depth);
        Assert.Equal("[cut: nested deeper than 7 levels]", bottom);
        Assert.Contains("context 'deep': 1 values nested deeper than 7 levels cut ([cut: …])", selfLog.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void A_10_MB_string_is_cut_wherever_it_lands_and_SelfLog_says_so(Api api)
    {
        using var selfLog = new SelfLogRecorder();
        using var sentry = SentryCapture.Start();
        var big = new string('x', TenMegabytes);
        var scope = new Dictionary<string, object?>
        {
            ["provider"] = big,
            ["user_id"] = big,
            ["request_body"] = big,
            ["@upstream"] = new { status = 502, body = big },
        };

        Assert.Null(LogError(sentry, api, null, scope, "Upstream said {response}", big));

        var evt = SingleValidEvent(sentry);
        Assert.Matches(@"^Upstream said x+…\[\+\d+ chars\]$", evt.Formatted);
        Assert.Equal(new string('x', 199) + "…", evt.Tags["provider"]);
        Assert.Matches(@"^x+…\[\+\d+ chars\]$", evt.User?.Id);
        Assert.InRange(evt.User!.Id!.Length, 1, 200);
        Assert.Equal(502L, evt.Contexts["upstream"]["status"]);
        Assert.Matches(@"^x+…\[\+\d+ chars\]$", (string)evt.Contexts["upstream"]["body"]!);
        // The log context holds the tag's original value, the body and the message argument, within its 8 KB.
        Assert.All(evt.Contexts["log"].Where(f => f.Value is string s && s.StartsWith('x')), f => Assert.Matches(@"^x+…\[\+\d+ chars\]$", (string)f.Value!));
        Assert.Contains($"message: {Thousands("Upstream said ".Length + big.Length)} characters cut to 8,192", selfLog.Text, StringComparison.Ordinal);
        Assert.Contains($"user id: {Thousands(big.Length)} characters cut to 200", selfLog.Text, StringComparison.Ordinal);
        Assert.Contains("tag values made valid for Sentry", selfLog.Text, StringComparison.Ordinal);
        Assert.Contains("context 'upstream': 1 values shortened (…[+N chars])", selfLog.Text, StringComparison.Ordinal);
        Assert.Contains("context 'log': ", selfLog.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void A_10_MB_exception_message_is_cut_to_8192_characters_and_SelfLog_says_so(Api api)
    {
        using var selfLog = new SelfLogRecorder();
        using var sentry = SentryCapture.Start();

        var big = new string('x', TenMegabytes);

        Assert.Null(LogError(sentry, api, Throw.Caught(() => new HttpRequestException("Upstream answered: " + big)), NoScope, "Provider request failed"));

        // Uncut, the event would be 10 MB, and Sentry would reject it whole.
        var exception = Assert.Single(SingleValidEvent(sentry).Exceptions);
        Assert.Equal("System.Net.Http.HttpRequestException", exception.Type);
        Assert.Matches(@"^Upstream answered: x+…\[\+\d+ chars\]$", exception.Value);
        Assert.Equal(8192, exception.Value!.Length);
        Assert.Contains("was cut to stay under Sentry's 1 MB event limit: 1 exception messages shortened to 8,192 characters", selfLog.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void Ten_thousand_properties_fill_the_log_context_to_8_KB_and_the_rest_is_counted(Api api)
    {
        using var selfLog = new SelfLogRecorder();
        using var sentry = SentryCapture.Start();
        var names = Enumerable.Range(0, 10_000).Select(i => $"field_{i:D5}").ToArray();

        Exception? error;
        if (api == Api.Serilog)
        {
            var logger = sentry.CreateSerilogLogger();
            error = Record.Exception(() =>
            {
                using (LogContext.Push(names.Select(n => (ILogEventEnricher)new PropertyEnricher(n, "value of " + n)).ToArray()))
                    logger.Error("Import failed");
            });
        }
        else
        {
            error = LogError(sentry, api, null, names.ToDictionary(n => n, n => (object?)("value of " + n)), "Import failed");
        }
        Assert.Null(error);

        var log = SingleValidEvent(sentry).Contexts["log"];
        var kept = log.Keys.Count(k => k.StartsWith("field_", StringComparison.Ordinal));
        Assert.InRange(kept, 100, 9_999);
        var marker = Assert.IsType<string>(log["_truncated"]);
        Assert.Equal($"{10_000 - kept} more fields cut at the size limit", marker);
        Assert.Contains($"context 'log': {Thousands(10_000 - kept)} fields cut at the size limit (_truncated)", selfLog.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void Ten_thousand_structured_properties_stay_within_256_KB_of_contexts_and_the_rest_is_counted(Api api)
    {
        using var selfLog = new SelfLogRecorder();
        using var sentry = SentryCapture.Start();
        var scope = Enumerable.Range(0, 10_000).ToDictionary(
            i => $"ctx_{i:D5}",
            i => (object?)new Dictionary<string, object> { ["provider"] = "openrouter", ["attempt"] = i, ["note"] = new string('n', 80) });

        Assert.Null(LogError(sentry, api, null, scope, "Batch failed"));

        var evt = SingleValidEvent(sentry);
        var contexts = evt.Json.GetProperty("contexts").EnumerateObject().Where(c => c.Name.StartsWith("ctx_", StringComparison.Ordinal)).ToArray();
        Assert.InRange(contexts.Sum(c => Encoding.UTF8.GetByteCount(c.Value.GetRawText())), 200 * 1024, 256 * 1024);
        var marker = Assert.IsType<string>(evt.Contexts["log"]["_truncated_contexts"]);
        Assert.Equal($"{10_000 - contexts.Length} contexts cut at the event size limit", marker);
        Assert.Contains($"{Thousands(10_000 - contexts.Length)} contexts left out beyond 256 KB of contexts (_truncated_contexts in the 'log' context)", selfLog.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void Empty_and_blank_names_become_empty_without_colliding(Api api)
    {
        using var selfLog = new SelfLogRecorder();
        using var sentry = SentryCapture.Start();
        var fields = new Dictionary<string, string> { [""] = "empty", [" "] = "space", ["\t"] = "tab" };

        Exception? error;
        if (api == Api.Serilog)
        {
            // Serilog ignores a blank ForContext name itself, and says so in SelfLog.
            var logger = sentry.CreateSerilogLogger();
            error = Record.Exception(() => logger.ForContext("", "ignored").ForContext(" ", "ignored").Error("Import failed {@fields}", fields));
        }
        else
        {
            var logger = sentry.CreateLogger<BadInputTests>();
            error = Record.Exception(() =>
            {
                using (logger.BeginScope(fields))
                    logger.LogError("Import failed {@fields}", fields);
            });
        }
        Assert.Null(error);

        var evt = SingleValidEvent(sentry);
        IReadOnlyDictionary<string, object?> expected = new Dictionary<string, object?> { ["(empty)"] = "empty", ["(empty) (2)"] = "space", ["(empty) (3)"] = "tab" };
        Assert.Equal(expected, evt.Contexts["fields"]);
        Assert.Contains("context 'fields': 3 field names replaced because they were empty, too long or invalid", selfLog.Text, StringComparison.Ordinal);
        if (api == Api.ILogger)
        {
            // A Dictionary<string, string> scope is lifted into properties; names no property can have stay in Scope.
            Assert.Equal(expected, Dictionary(Assert.Single(Assert.IsType<object?[]>(evt.Contexts["log"]["Scope"]))));
            Assert.Contains("Gatewayz.Logging: 3 BeginScope entries have a name that cannot name a property (empty, blank or not a string); they were kept in the Scope property", selfLog.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_blank_name_in_an_ILogger_object_dictionary_scope_leaves_out_that_entry_only_and_says_so()
    {
        using var selfLog = new SelfLogRecorder();
        using var sentry = SentryCapture.Start();

        // A Dictionary<string, object> scope becomes properties as the MEL provider builds the event: a
        // name no property can have is left out, the rest of the scope is kept, and SelfLog says so.
        Assert.Null(LogError(sentry, Api.ILogger, null, new Dictionary<string, object?> { [""] = "empty", ["provider"] = "openrouter" }, "Import failed"));

        var evt = SingleValidEvent(sentry);
        Assert.Equal("Import failed", evt.Formatted);
        Assert.Equal("openrouter", evt.Tags["provider"]);
        Assert.DoesNotContain("empty", evt.Contexts.Values.SelectMany(c => c.Values));
        Assert.Contains("Gatewayz.Logging: a Microsoft.Extensions.Logging property or scope entry with an empty or blank name was left out of the event", selfLog.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void Names_of_1000_characters_are_cut_to_200_and_never_collide(Api api)
    {
        using var selfLog = new SelfLogRecorder();
        using var sentry = SentryCapture.Start();
        var prefix = new string('n', 1000);
        var scope = new Dictionary<string, object?> { [prefix + "_first"] = "first", [prefix + "_second"] = "second" };

        Assert.Null(LogError(sentry, api, null, scope, "Import failed"));

        var log = SingleValidEvent(sentry).Contexts["log"];
        var cut = new string('n', 199) + "…";
        var longNames = log.Where(f => f.Key.StartsWith(cut, StringComparison.Ordinal)).ToArray();
        Assert.Equal(["first", "second"], longNames.Select(f => (string)f.Value!).Order());
        Assert.Equal([cut, cut + " (2)"], longNames.Select(f => f.Key).Order(StringComparer.Ordinal));
        Assert.Contains("context 'log': 2 field names replaced because they were empty, too long or invalid", selfLog.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void Names_full_of_Unicode_and_control_characters_stay_readable_and_valid(Api api)
    {
        using var selfLog = new SelfLogRecorder();
        var weird = "naïve\u0000\n\t名前🙂\u200B\uD800end";
        using var sentry = SentryCapture.Start();
        var scope = new Dictionary<string, object?> { [weird] = "field", ["🙂"] = "no usable tag key" };

        Exception? error;
        if (api == Api.Serilog)
        {
            var logger = sentry.CreateSerilogLogger(o => o.TagProperties.Add("🙂"));
            error = Record.Exception(() =>
            {
                using (LogContext.PushProperty(weird, "field"))
                using (LogContext.PushProperty("🙂", "no usable tag key"))
                    logger.Error("Import failed");
            });
        }
        else
        {
            var logger = sentry.CreateLoggerFactory(o => o.TagProperties.Add("🙂")).CreateLogger("Import");
            error = Record.Exception(() =>
            {
                using (logger.BeginScope(scope))
                    logger.LogError("Import failed");
            });
        }
        Assert.Null(error);

        var evt = SingleValidEvent(sentry);
        var log = evt.Contexts["log"];
        // Control characters are escaped by JSON; only the lone surrogate, which UTF-8 cannot carry, is replaced.
        Assert.Equal("field", log["naïve\u0000\n\t名前🙂\u200B\uFFFDend"]);
        Assert.Equal("no usable tag key", log["🙂"]);
        Assert.Empty(evt.Tags);
        Assert.Contains("context 'log': 1 field names replaced because they were empty, too long or invalid", selfLog.Text, StringComparison.Ordinal);
        Assert.Contains("names with no character Sentry allows in a tag key, not sent as tags: 🙂", selfLog.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void Tag_values_with_newlines_become_one_line_and_are_kept_whole_in_the_log_context(Api api)
    {
        using var selfLog = new SelfLogRecorder();
        using var sentry = SentryCapture.Start();
        var scope = new Dictionary<string, object?> { ["provider"] = "open\r\nrouter", ["operation"] = "\n", ["table"] = "users\u0000\u007F" };

        Assert.Null(LogError(sentry, api, null, scope, "Query failed"));

        var evt = SingleValidEvent(sentry);
        Assert.Equal("open  router", evt.Tags["provider"]);
        Assert.Equal("(empty)", evt.Tags["operation"]);
        Assert.Equal("users", evt.Tags["table"]);
        Assert.Equal("open\r\nrouter", evt.Contexts["log"]["provider"]);
        Assert.Equal("\n", evt.Contexts["log"]["operation"]);
        Assert.Equal("users\u0000\u007F", evt.Contexts["log"]["table"]);
        var line = selfLog.Text.Split('\n').Single(l => l.Contains("tag values made valid for Sentry", StringComparison.Ordinal));
        Assert.All(new[] { "provider", "operation", "table" }, tag => Assert.Contains(tag, line, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void NaN_infinities_MinValue_and_the_largest_decimals_stay_valid_JSON_with_their_values(Api api)
    {
        using var selfLog = new SelfLogRecorder();
        using var sentry = SentryCapture.Start();
        var scope = new Dictionary<string, object?>
        {
            ["provider"] = double.NaN,
            ["nan"] = double.NaN,
            ["infinity"] = double.PositiveInfinity,
            ["negative_infinity"] = float.NegativeInfinity,
            ["min_date"] = DateTime.MinValue,
            ["min_offset"] = DateTimeOffset.MinValue,
            ["max_decimal"] = decimal.MaxValue,
            ["min_decimal"] = decimal.MinValue,
        };

        Assert.Null(LogError(sentry, api, null, scope, "Rate {rate} out of range", double.NegativeInfinity));

        var evt = SingleValidEvent(sentry);
        var log = evt.Contexts["log"];
        Assert.Equal("NaN", evt.Tags["provider"]);
        Assert.Equal("Rate -Infinity out of range", evt.Formatted);
        Assert.Equal("NaN", log["nan"]);
        Assert.Equal("Infinity", log["infinity"]);
        Assert.Equal("-Infinity", log["negative_infinity"]);
        Assert.Equal("-Infinity", log["rate"]);
        Assert.Equal("0001-01-01T00:00:00.0000000", log["min_date"]);
        Assert.Equal("0001-01-01T00:00:00.0000000+00:00", log["min_offset"]);
        Assert.Equal(decimal.MaxValue, log["max_decimal"]);
        Assert.Equal(decimal.MinValue, log["min_decimal"]);
        Assert.Equal(JsonValueKind.Number, evt.Json.GetProperty("contexts").GetProperty("log").GetProperty("max_decimal").ValueKind);
        Assert.DoesNotContain("Gatewayz.Logging:", selfLog.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_integer_beyond_what_a_double_holds_is_sent_as_text()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger(configureLogger: c => c.Enrich.With(new BigIntegerEnricher()));

        Assert.Null(Record.Exception(() => logger.Error("Overflow")));

        // A 401-digit JSON number would be out of range for Sentry, which reads numbers as doubles.
        var log = SingleValidEvent(sentry).Json.GetProperty("contexts").GetProperty("log");
        Assert.Equal(JsonValueKind.String, log.GetProperty("huge").ValueKind);
        Assert.Equal(BigInteger.Pow(10, 400).ToString(CultureInfo.InvariantCulture), log.GetProperty("huge").GetString());
        Assert.Equal(1_000_000_000_000_000_000L, log.GetProperty("large").GetInt64());
    }
}
