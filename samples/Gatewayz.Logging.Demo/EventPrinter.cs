using System.Text.Json;

namespace Gatewayz.Logging.Demo;

/// <summary>Prints a serialized Sentry event the way someone triaging it would read it.</summary>
static class EventPrinter
{
    static readonly HashSet<string> SdkContexts =
        ["Current Culture", "Current UI Culture", "Memory Info", "ThreadPool Info", "Dynamic Code", "app", "device", "os", "runtime", "trace", "culture"];

    public static void Print(JsonElement evt, bool sent)
    {
        var id = Text(evt, "event_id");
        var level = Text(evt, "level");
        Console.WriteLine($"  → Sentry event {id} {(sent ? "(handed to the transport)" : "(would be sent)")}");
        Row("level", level);
        if (evt.TryGetProperty("logentry", out var entry))
        {
            Row("message", Text(entry, "message"));
            Row("formatted", Text(entry, "formatted"));
        }
        Row("logger", Text(evt, "logger"));
        if (evt.TryGetProperty("user", out var user) && Text(user, "id") is { } userId && !Guid.TryParse(userId, out _))
            Row("user.id", userId);

        if (evt.TryGetProperty("tags", out var tags))
            Row("tags", string.Join("  ", tags.EnumerateObject().Select(t => $"{t.Name}:{t.Value.GetString()}")));

        if (evt.TryGetProperty("contexts", out var contexts))
        {
            var label = "contexts";
            foreach (var context in contexts.EnumerateObject().Where(c => !SdkContexts.Contains(c.Name)))
            {
                Row(label, $"{context.Name} {context.Value.GetRawText()}");
                label = "";
            }
        }

        if (evt.TryGetProperty("exception", out var exception) && exception.TryGetProperty("values", out var values))
        {
            var outermost = values[values.GetArrayLength() - 1];
            var handled = outermost.TryGetProperty("mechanism", out var mechanism) && mechanism.TryGetProperty("handled", out var h) && h.GetBoolean();
            Row("exception", $"{Text(outermost, "type")}: {Text(outermost, "value")} ({(handled ? "handled" : "unhandled")})");
        }

        if (evt.TryGetProperty("breadcrumbs", out var crumbs))
        {
            var list = crumbs.ValueKind == JsonValueKind.Array ? crumbs : crumbs.GetProperty("values");
            var label = "breadcrumbs";
            foreach (var crumb in list.EnumerateArray().TakeLast(3))
            {
                Row(label, $"[{Text(crumb, "level") ?? "info"}] {Text(crumb, "message")}");
                label = "";
            }
        }
    }

    static void Row(string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
            Console.WriteLine($"      {label,-12}{value}");
    }

    static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
