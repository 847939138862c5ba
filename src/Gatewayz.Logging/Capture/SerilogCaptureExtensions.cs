using Gatewayz.Logging.Capture;
using Serilog.Events;
using Sentry;

namespace Gatewayz.Logging;

/// <summary>
/// Capture helpers: each writes one log event through the logger's normal pipeline (so the console
/// and every other sink see it too) and returns the id of the Sentry event it became, or
/// <see cref="SentryId.Empty"/> when capture is off or the event was not sent. An explicit capture
/// is sent whatever the sink's minimum event level, as long as the logger's own minimum level lets
/// the event through. Helpers never throw.
/// </summary>
/// <remarks>
/// <c>details</c> (and <c>extra</c>, <c>contextData</c>) take a dictionary or an object whose public
/// properties become fields, for example <c>new { attempt = 2 }</c>. Fields that are not given are
/// absent, not null.
/// <para>
/// The id is fixed when the helper is called, and the log event carries the capture to the sink (other
/// sinks show it as the <c>SentryEventId</c> property), so it holds wherever the sink runs. When the
/// Gatewayz sink runs on the calling thread, the helper knows whether it sent the event, and returns
/// <see cref="SentryId.Empty"/> when it did not. Behind <c>WriteTo.Async</c> or another wrapper that
/// emits later on another thread, the helper returns before the sink has decided: it returns the id
/// the event is sent with, as long as a Gatewayz sink with Sentry enabled is alive. If that sink then
/// drops the event (storm control, sampling, an ignored exception type, the SDK's full queue), Sentry never
/// receives that id. With two Gatewayz sinks, each sends the capture; the id is that of the event sent
/// by the sink that reached it first.
/// </para>
/// </remarks>
public static class SerilogCaptureExtensions
{
    /// <summary>Captures <paramref name="exception"/> with an optional context and tags.</summary>
    /// <param name="logger">The logger to write through.</param>
    /// <param name="exception">The exception; null sends a message event.</param>
    /// <param name="contextType">The Sentry context name, such as <c>checkout</c>.</param>
    /// <param name="contextData">The context's fields.</param>
    /// <param name="tags">Tags to set, whatever the sink's tag list says.</param>
    /// <param name="level">Warning → <c>warning</c>, Error → <c>error</c>, Fatal (MEL: Critical) → <c>fatal</c>.</param>
    /// <param name="message">The message; by default one that names the failure.</param>
    /// <returns>The Sentry event id, or <see cref="SentryId.Empty"/>.</returns>
    /// <example><code>var id = logger.CaptureError(ex, "checkout", new { cart_items = 3 }, new Dictionary&lt;string, string&gt; { ["flow"] = "upgrade" });</code></example>
    public static SentryId CaptureError(this Serilog.ILogger logger, Exception? exception, string? contextType = null, object? contextData = null,
        IReadOnlyDictionary<string, string>? tags = null, LogEventLevel level = LogEventLevel.Error, string? message = null) =>
        CaptureWriter.Write(logger, level, CaptureRequests.Error(exception, contextType, contextData, tags, message));

    /// <summary>Captures a failed call to a model provider: context <c>provider</c>, tag <c>provider</c>.</summary>
    /// <param name="logger">The logger to write through.</param>
    /// <param name="exception">The exception.</param>
    /// <param name="provider">The provider, such as <c>openrouter</c>; the <c>provider</c> tag and <c>provider_name</c> field.</param>
    /// <param name="model">The model requested.</param>
    /// <param name="requestId">The upstream request id.</param>
    /// <param name="endpoint">The upstream endpoint.</param>
    /// <param name="extra">More context fields.</param>
    /// <param name="level">The log level, which sets the Sentry level.</param>
    /// <param name="message">The message; by default "Provider {provider} request failed".</param>
    /// <returns>The Sentry event id, or <see cref="SentryId.Empty"/>.</returns>
    /// <example><code>logger.CaptureProviderError(ex, "openrouter", model: "openai/gpt-4o", requestId: "req_123");</code></example>
    public static SentryId CaptureProviderError(this Serilog.ILogger logger, Exception? exception, string provider, string? model = null, string? requestId = null,
        string? endpoint = null, object? extra = null, LogEventLevel level = LogEventLevel.Error, string? message = null) =>
        CaptureWriter.Write(logger, level, CaptureRequests.Provider(exception, provider, model, requestId, endpoint, extra, message));

    /// <summary>Captures a failed database operation: context <c>database</c>, tags <c>operation</c> and <c>table</c>.</summary>
    /// <param name="logger">The logger to write through.</param>
    /// <param name="exception">The exception.</param>
    /// <param name="operation">The operation, such as <c>insert</c>.</param>
    /// <param name="table">The table, such as <c>users</c>.</param>
    /// <param name="details">More context fields.</param>
    /// <param name="level">The log level, which sets the Sentry level.</param>
    /// <param name="message">The message; by default "Database {operation} on {table} failed".</param>
    /// <returns>The Sentry event id, or <see cref="SentryId.Empty"/>.</returns>
    /// <example><code>logger.CaptureDatabaseError(ex, "insert", "users", new { email_domain = "example.com" });</code></example>
    public static SentryId CaptureDatabaseError(this Serilog.ILogger logger, Exception? exception, string operation, string table, object? details = null,
        LogEventLevel level = LogEventLevel.Error, string? message = null) =>
        CaptureWriter.Write(logger, level, CaptureRequests.Database(exception, operation, table, details, message));

    /// <summary>Captures a failed payment operation: context <c>payment</c>, tags <c>operation</c> and <c>provider</c>.</summary>
    /// <param name="logger">The logger to write through.</param>
    /// <param name="exception">The exception.</param>
    /// <param name="operation">The operation, such as <c>checkout</c> or <c>webhook</c>.</param>
    /// <param name="provider">The payment provider. Default <c>stripe</c>.</param>
    /// <param name="userId">The user; also the event's <c>user.id</c>.</param>
    /// <param name="amount">The amount; kept as a number, zero included.</param>
    /// <param name="details">More context fields.</param>
    /// <param name="level">The log level, which sets the Sentry level.</param>
    /// <param name="message">The message; by default "Payment {operation} via {provider} failed".</param>
    /// <returns>The Sentry event id, or <see cref="SentryId.Empty"/>.</returns>
    /// <example><code>logger.CapturePaymentError(ex, "checkout", userId: "4217", amount: 20.00m);</code></example>
    public static SentryId CapturePaymentError(this Serilog.ILogger logger, Exception? exception, string operation, string provider = "stripe", string? userId = null,
        decimal? amount = null, object? details = null, LogEventLevel level = LogEventLevel.Error, string? message = null) =>
        CaptureWriter.Write(logger, level, CaptureRequests.Payment(exception, operation, provider, userId, amount, details, message));

    /// <summary>Captures a failed authentication step: context <c>authentication</c>, tag <c>operation</c>.</summary>
    /// <param name="logger">The logger to write through.</param>
    /// <param name="exception">The exception.</param>
    /// <param name="operation">The step, such as <c>api_key_validation</c>.</param>
    /// <param name="userId">The user; also the event's <c>user.id</c>.</param>
    /// <param name="details">More context fields.</param>
    /// <param name="level">The log level, which sets the Sentry level.</param>
    /// <param name="message">The message; by default "Authentication {operation} failed".</param>
    /// <returns>The Sentry event id, or <see cref="SentryId.Empty"/>.</returns>
    /// <example><code>logger.CaptureAuthError(ex, "api_key_validation", details: new { key_prefix = "gw_live_" });</code></example>
    public static SentryId CaptureAuthError(this Serilog.ILogger logger, Exception? exception, string operation, string? userId = null, object? details = null,
        LogEventLevel level = LogEventLevel.Error, string? message = null) =>
        CaptureWriter.Write(logger, level, CaptureRequests.Auth(exception, operation, userId, details, message));

    /// <summary>Captures a failed cache operation: context <c>cache</c>, tags <c>operation</c> and <c>cache_type</c>.</summary>
    /// <param name="logger">The logger to write through.</param>
    /// <param name="exception">The exception.</param>
    /// <param name="operation">The operation, such as <c>get</c>.</param>
    /// <param name="cacheType">The cache. Default <c>redis</c>.</param>
    /// <param name="key">The cache key.</param>
    /// <param name="details">More context fields.</param>
    /// <param name="level">The log level, which sets the Sentry level; a degraded read is usually Warning.</param>
    /// <param name="message">The message; by default "Cache {operation} on {cache_type} failed".</param>
    /// <returns>The Sentry event id, or <see cref="SentryId.Empty"/>.</returns>
    /// <example><code>logger.CaptureCacheError(ex, "get", key: "user:42:credits");</code></example>
    public static SentryId CaptureCacheError(this Serilog.ILogger logger, Exception? exception, string operation, string cacheType = "redis", string? key = null,
        object? details = null, LogEventLevel level = LogEventLevel.Error, string? message = null) =>
        CaptureWriter.Write(logger, level, CaptureRequests.Cache(exception, operation, cacheType, key, details, message));

    /// <summary>
    /// Captures a failed model health check: context <c>model_health</c>, tags <c>provider</c>,
    /// <c>gateway</c>, <c>model_id</c> and <c>operation</c>.
    /// </summary>
    /// <param name="logger">The logger to write through.</param>
    /// <param name="exception">The exception.</param>
    /// <param name="modelId">The model, such as <c>openai/gpt-4o</c>.</param>
    /// <param name="provider">The provider serving it.</param>
    /// <param name="gateway">The gateway routing to it.</param>
    /// <param name="operation">The check. Default <c>health_check</c>.</param>
    /// <param name="status">The observed status.</param>
    /// <param name="responseTimeMs">The response time in milliseconds; kept as a number.</param>
    /// <param name="details">More context fields.</param>
    /// <param name="level">The log level, which sets the Sentry level.</param>
    /// <param name="message">The message; by default one naming the model, provider and gateway.</param>
    /// <returns>The Sentry event id, or <see cref="SentryId.Empty"/>.</returns>
    /// <example><code>logger.CaptureModelHealthError(ex, "openai/gpt-4o", "openrouter", "main", status: "timeout", responseTimeMs: 30000);</code></example>
    public static SentryId CaptureModelHealthError(this Serilog.ILogger logger, Exception? exception, string modelId, string provider, string gateway,
        string operation = "health_check", string? status = null, double? responseTimeMs = null, object? details = null,
        LogEventLevel level = LogEventLevel.Error, string? message = null) =>
        CaptureWriter.Write(logger, level, CaptureRequests.ModelHealth(exception, modelId, provider, gateway, operation, status, responseTimeMs, details, message));
}
