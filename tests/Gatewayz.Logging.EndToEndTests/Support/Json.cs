using System.Text.Json;

namespace Gatewayz.Logging.EndToEndTests.Support;

/// <summary>Small readers for event JSON as Spotlight replays it.</summary>
public static class Json
{
    public static string? Tag(JsonElement evt, string name) => SpotlightSidecar.TagOf(evt, name);

    public static JsonElement Context(JsonElement evt, string name) => evt.GetProperty("contexts").GetProperty(name);

    public static string? String(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                return null;
        }
        return element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
    }

    public static JsonElement OutermostException(JsonElement evt)
    {
        var values = evt.GetProperty("exception").GetProperty("values");
        return values[values.GetArrayLength() - 1];
    }

    public static bool? Handled(JsonElement evt) =>
        OutermostException(evt).TryGetProperty("mechanism", out var mechanism) && mechanism.TryGetProperty("handled", out var handled)
            ? handled.GetBoolean()
            : null;
}
