namespace Gatewayz.Logging.Capture;

/// <summary>
/// The one definition of what each capture helper sends: its context name and fields, its tags, and
/// the default message that names the failure. Shared by the MEL and Serilog helpers.
/// </summary>
static class CaptureRequests
{
    public static CaptureRequest Error(Exception? exception, string? contextType, object? contextData,
        IReadOnlyDictionary<string, string>? tags, string? message)
    {
        var hasType = !string.IsNullOrWhiteSpace(contextType);
        var fields = Fields([], contextData);
        return new(
            exception,
            message ?? (hasType ? $"Error in {contextType}" : $"{exception?.GetType().Name ?? "Error"} captured"),
            hasType ? contextType : fields.Count > 0 ? "error" : null,
            fields,
            tags?.Where(t => !string.IsNullOrEmpty(t.Key) && t.Value is not null).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
            null);
    }

    public static CaptureRequest Provider(Exception? exception, string? provider, string? model, string? requestId, string? endpoint,
        object? extra, string? message) =>
        new(
            exception,
            message ?? $"Provider {Name(provider)} request failed",
            "provider",
            Fields([("provider_name", provider), ("model", model), ("request_id", requestId), ("endpoint", endpoint)], extra),
            Tags(("provider", provider)),
            null);

    public static CaptureRequest Database(Exception? exception, string? operation, string? table, object? details, string? message) =>
        new(
            exception,
            message ?? $"Database {Name(operation)} on {Name(table)} failed",
            "database",
            Fields([("operation", operation), ("table", table)], details),
            Tags(("operation", operation), ("table", table)),
            null);

    public static CaptureRequest Payment(Exception? exception, string? operation, string? provider, string? userId, decimal? amount,
        object? details, string? message) =>
        new(
            exception,
            message ?? $"Payment {Name(operation)} via {Name(provider)} failed",
            "payment",
            Fields([("operation", operation), ("provider", provider), ("user_id", userId), ("amount", amount)], details),
            Tags(("operation", operation), ("provider", provider)),
            userId);

    public static CaptureRequest Auth(Exception? exception, string? operation, string? userId, object? details, string? message) =>
        new(
            exception,
            message ?? $"Authentication {Name(operation)} failed",
            "authentication",
            Fields([("operation", operation), ("user_id", userId)], details),
            Tags(("operation", operation)),
            userId);

    public static CaptureRequest Cache(Exception? exception, string? operation, string? cacheType, string? key, object? details, string? message) =>
        new(
            exception,
            message ?? $"Cache {Name(operation)} on {Name(cacheType)} failed",
            "cache",
            Fields([("operation", operation), ("cache_type", cacheType), ("key", key)], details),
            Tags(("operation", operation), ("cache_type", cacheType)),
            null);

    public static CaptureRequest ModelHealth(Exception? exception, string? modelId, string? provider, string? gateway, string? operation, string? status,
        double? responseTimeMs, object? details, string? message) =>
        new(
            exception,
            message ?? $"Model {Name(modelId)} {Name(operation)} failed on {Name(provider)} via {Name(gateway)}",
            "model_health",
            Fields([("model_id", modelId), ("provider", provider), ("gateway", gateway), ("operation", operation),
                ("status", status), ("response_time_ms", responseTimeMs)], details),
            Tags(("provider", provider), ("gateway", gateway), ("model_id", modelId), ("operation", operation)),
            null);

    /// <summary>
    /// A helper's context: the named fields that were given (absent when null, never null), then the
    /// caller's details (a dictionary or an object), which never replace a named field.
    /// </summary>
    public static Dictionary<string, object?> Fields(ReadOnlySpan<(string Name, object? Value)> named, object? details)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in named)
        {
            if (value is not null)
                fields[name] = value;
        }
        foreach (var (name, value) in ObjectFields.Read(details))
        {
            if (!string.IsNullOrEmpty(name))
                fields.TryAdd(name, value);
        }
        return fields;
    }

    static string Name(string? value) => string.IsNullOrWhiteSpace(value) ? "(unknown)" : value;

    static Dictionary<string, string> Tags(params (string Key, string? Value)[] tags) =>
        tags.Where(t => t.Value is not null).ToDictionary(t => t.Key, t => t.Value!, StringComparer.Ordinal);
}
