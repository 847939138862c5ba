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
        var fields = new CaptureFields().AddDetails(contextData).Build();
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
            new CaptureFields().Add("provider_name", provider).Add("model", model).Add("request_id", requestId).Add("endpoint", endpoint).AddDetails(extra).Build(),
            Tags(("provider", provider)),
            null);

    public static CaptureRequest Database(Exception? exception, string? operation, string? table, object? details, string? message) =>
        new(
            exception,
            message ?? $"Database {Name(operation)} on {Name(table)} failed",
            "database",
            new CaptureFields().Add("operation", operation).Add("table", table).AddDetails(details).Build(),
            Tags(("operation", operation), ("table", table)),
            null);

    public static CaptureRequest Payment(Exception? exception, string? operation, string? provider, string? userId, decimal? amount,
        object? details, string? message) =>
        new(
            exception,
            message ?? $"Payment {Name(operation)} via {Name(provider)} failed",
            "payment",
            new CaptureFields().Add("operation", operation).Add("provider", provider).Add("user_id", userId).Add("amount", amount).AddDetails(details).Build(),
            Tags(("operation", operation), ("provider", provider)),
            userId);

    public static CaptureRequest Auth(Exception? exception, string? operation, string? userId, object? details, string? message) =>
        new(
            exception,
            message ?? $"Authentication {Name(operation)} failed",
            "authentication",
            new CaptureFields().Add("operation", operation).Add("user_id", userId).AddDetails(details).Build(),
            Tags(("operation", operation)),
            userId);

    public static CaptureRequest Cache(Exception? exception, string? operation, string? cacheType, string? key, object? details, string? message) =>
        new(
            exception,
            message ?? $"Cache {Name(operation)} on {Name(cacheType)} failed",
            "cache",
            new CaptureFields().Add("operation", operation).Add("cache_type", cacheType).Add("key", key).AddDetails(details).Build(),
            Tags(("operation", operation), ("cache_type", cacheType)),
            null);

    public static CaptureRequest ModelHealth(Exception? exception, string? modelId, string? provider, string? gateway, string? operation, string? status,
        double? responseTimeMs, object? details, string? message) =>
        new(
            exception,
            message ?? $"Model {Name(modelId)} {Name(operation)} failed on {Name(provider)} via {Name(gateway)}",
            "model_health",
            new CaptureFields().Add("model_id", modelId).Add("provider", provider).Add("gateway", gateway).Add("operation", operation)
                .Add("status", status).Add("response_time_ms", responseTimeMs).AddDetails(details).Build(),
            Tags(("provider", provider), ("gateway", gateway), ("model_id", modelId), ("operation", operation)),
            null);

    static string Name(string? value) => string.IsNullOrWhiteSpace(value) ? "(unknown)" : value;

    static Dictionary<string, string> Tags(params (string Key, string? Value)[] tags) =>
        tags.Where(t => t.Value is not null).ToDictionary(t => t.Key, t => t.Value!, StringComparer.Ordinal);
}
