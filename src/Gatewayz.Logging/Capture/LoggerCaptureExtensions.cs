using Gatewayz.Logging.Capture;
using Microsoft.Extensions.Logging;
using Sentry;

namespace Gatewayz.Logging;

/// <inheritdoc cref="SerilogCaptureExtensions"/>
public static class LoggerCaptureExtensions
{
    /// <inheritdoc cref="SerilogCaptureExtensions.CaptureError"/>
    public static SentryId CaptureError(this ILogger logger, Exception? exception, string? contextType = null, object? contextData = null,
        IReadOnlyDictionary<string, string>? tags = null, LogLevel level = LogLevel.Error, string? message = null) =>
        CaptureWriter.Write(logger, level, CaptureRequests.Error(exception, contextType, contextData, tags, message));

    /// <inheritdoc cref="SerilogCaptureExtensions.CaptureProviderError"/>
    public static SentryId CaptureProviderError(this ILogger logger, Exception? exception, string provider, string? model = null, string? requestId = null,
        string? endpoint = null, object? extra = null, LogLevel level = LogLevel.Error, string? message = null) =>
        CaptureWriter.Write(logger, level, CaptureRequests.Provider(exception, provider, model, requestId, endpoint, extra, message));

    /// <inheritdoc cref="SerilogCaptureExtensions.CaptureDatabaseError"/>
    public static SentryId CaptureDatabaseError(this ILogger logger, Exception? exception, string operation, string table, object? details = null,
        LogLevel level = LogLevel.Error, string? message = null) =>
        CaptureWriter.Write(logger, level, CaptureRequests.Database(exception, operation, table, details, message));

    /// <inheritdoc cref="SerilogCaptureExtensions.CapturePaymentError"/>
    public static SentryId CapturePaymentError(this ILogger logger, Exception? exception, string operation, string provider = "stripe", string? userId = null,
        decimal? amount = null, object? details = null, LogLevel level = LogLevel.Error, string? message = null) =>
        CaptureWriter.Write(logger, level, CaptureRequests.Payment(exception, operation, provider, userId, amount, details, message));

    /// <inheritdoc cref="SerilogCaptureExtensions.CaptureAuthError"/>
    public static SentryId CaptureAuthError(this ILogger logger, Exception? exception, string operation, string? userId = null, object? details = null,
        LogLevel level = LogLevel.Error, string? message = null) =>
        CaptureWriter.Write(logger, level, CaptureRequests.Auth(exception, operation, userId, details, message));

    /// <inheritdoc cref="SerilogCaptureExtensions.CaptureCacheError"/>
    public static SentryId CaptureCacheError(this ILogger logger, Exception? exception, string operation, string cacheType = "redis", string? key = null,
        object? details = null, LogLevel level = LogLevel.Error, string? message = null) =>
        CaptureWriter.Write(logger, level, CaptureRequests.Cache(exception, operation, cacheType, key, details, message));

    /// <inheritdoc cref="SerilogCaptureExtensions.CaptureModelHealthError"/>
    public static SentryId CaptureModelHealthError(this ILogger logger, Exception? exception, string modelId, string provider, string gateway,
        string operation = "health_check", string? status = null, double? responseTimeMs = null, object? details = null,
        LogLevel level = LogLevel.Error, string? message = null) =>
        CaptureWriter.Write(logger, level, CaptureRequests.ModelHealth(exception, modelId, provider, gateway, operation, status, responseTimeMs, details, message));
}
