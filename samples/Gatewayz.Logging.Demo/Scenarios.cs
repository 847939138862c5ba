using Gatewayz.Logging;
using Microsoft.Extensions.Logging;
using Serilog.Context;

namespace Gatewayz.Logging.Demo;

/// <summary>
/// The gateway's failure scenarios, written the way Gatewayz code reports them: ordinary log calls
/// inside scopes, the capture helpers, ErrorContext and the ErrorCapture wrapper.
/// </summary>
sealed class Scenarios(ILoggerFactory loggers)
{
    /// <param name="Title">What happens.</param>
    /// <param name="Search">A Sentry search that finds the event.</param>
    /// <param name="Run">The code.</param>
    public sealed record Scenario(string Title, string Search, Func<Task> Run);

    public IReadOnlyList<Scenario> All =>
    [
        new("Provider call: openrouter answers 502 (ILogger in scopes; the scope is gone in the catch)",
            "provider:openrouter context.upstream.status:502", ProviderCallAsync),
        new("Provider call through the ErrorCapture wrapper: portkey times out",
            "code.function:CompleteChatAsync context.provider.model:anthropic/claude-3.5-sonnet", WrappedProviderCallAsync),
        new("Database insert: duplicate user (CaptureDatabaseError)", "table:users operation:insert", DatabaseInsertAsync),
        new("Stripe checkout: card declined (CapturePaymentError)", "provider:stripe context.payment.amount:20.00", StripeCheckoutAsync),
        new("API-key check: unknown key (CaptureAuthError, key prefix only)", "operation:api_key_validation", ApiKeyCheckAsync),
        new("Redis read: cache down, served from the database (CaptureCacheError, warning)", "cache_type:redis level:warning", CacheReadAsync),
        new("Model health check: together's llama times out (CaptureModelHealthError)", "model_id:meta-llama/llama-3.1-70b-instruct gateway:main", ModelHealthAsync),
        new("Background task: credit reconciliation fails (ErrorCapture.RunBackgroundAsync)", "code.function:ReconcileCredits", BackgroundTaskAsync),
        new("Critical failure: connection pool exhausted (ErrorContext, LogCritical)", "level:fatal critical:true", CriticalFailureAsync),
        new("Anything else: a webhook signature mismatch (CaptureError)", "flow:webhook", WebhookAsync),
        new("Below the event level: an ordinary warning", "(none: a breadcrumb)", WarningAsync),
    ];

    async Task ProviderCallAsync()
    {
        var logger = loggers.CreateLogger("Gatewayz.Providers.OpenRouterClient");
        try
        {
            using (logger.BeginScope(new Dictionary<string, object> { ["provider"] = "openrouter", ["model_id"] = "openai/gpt-4o-mini", ["request_type"] = "chat" }))
            using (LogContext.PushProperty("upstream", new { endpoint = "/api/v1/chat/completions", status = 502, latency_ms = 1843 }, destructureObjects: true))
            {
                logger.LogInformation("Routing chat completion to {provider}", "openrouter");
                await Upstream.FailAsync(new HttpRequestException("Response status code does not indicate success: 502 (Bad Gateway).", null, System.Net.HttpStatusCode.BadGateway));
            }
        }
        catch (HttpRequestException ex)
        {
            // The scopes above are already disposed here; the event still carries them.
            logger.LogError(ex, "Chat completion failed");
        }
    }

    async Task WrappedProviderCallAsync()
    {
        var logger = loggers.CreateLogger("Gatewayz.Providers.PortkeyClient");
        try
        {
            await CompleteChatAsync(logger, "portkey", "anthropic/claude-3.5-sonnet");
        }
        catch (TimeoutException)
        {
            logger.LogInformation("Falling back to the next provider");
        }
    }

    /// <summary>The call site the wrapper names: its name becomes the code.function tag.</summary>
    static Task<string> CompleteChatAsync(ILogger logger, string provider, string model) =>
        ErrorCapture.RunAsync(logger, "provider",
            () => Upstream.FailAsync<string>(new TimeoutException($"No response from {provider} within 30 s")),
            () => new { provider_name = provider, model });

    async Task DatabaseInsertAsync()
    {
        var logger = loggers.CreateLogger("Gatewayz.Data.UserRepository");
        try
        {
            await Upstream.FailAsync(new InvalidOperationException("duplicate key value violates unique constraint \"users_email_key\""));
        }
        catch (InvalidOperationException ex)
        {
            logger.CaptureDatabaseError(ex, "insert", "users", new { constraint = "users_email_key" });
        }
    }

    async Task StripeCheckoutAsync()
    {
        var logger = loggers.CreateLogger("Gatewayz.Payments.CheckoutService");
        try
        {
            await Upstream.FailAsync(new InvalidOperationException("Your card was declined. (card_declined)"));
        }
        catch (InvalidOperationException ex)
        {
            logger.CapturePaymentError(ex, "checkout", userId: "4217", amount: 20.00m, details: new { currency = "usd", credits = 2000 });
        }
    }

    Task ApiKeyCheckAsync()
    {
        var logger = loggers.CreateLogger("Gatewayz.Auth.ApiKeyValidator");
        const string presented = "gw_live_4f8a2c91d7e3b6a0";
        logger.CaptureAuthError(new UnauthorizedAccessException("Unknown API key"), "api_key_validation",
            details: new { key_prefix = presented[..8], endpoint = "/v1/chat/completions" }, level: LogLevel.Warning);
        return Task.CompletedTask;
    }

    async Task CacheReadAsync()
    {
        var logger = loggers.CreateLogger("Gatewayz.Caching.RedisCache");
        try
        {
            await Upstream.FailAsync(new TimeoutException("Timeout awaiting response (outbound=0KiB, inbound=0KiB, 5000ms elapsed)"));
        }
        catch (TimeoutException ex)
        {
            logger.CaptureCacheError(ex, "get", key: "user:4217:credits", level: LogLevel.Warning);
        }
        logger.LogInformation("Served credits for user {user_id} from the database", 4217);
    }

    async Task ModelHealthAsync()
    {
        var logger = loggers.CreateLogger("Gatewayz.Health.ModelProbe");
        try
        {
            await Upstream.FailAsync(new TimeoutException("Health probe timed out"));
        }
        catch (TimeoutException ex)
        {
            logger.CaptureModelHealthError(ex, "meta-llama/llama-3.1-70b-instruct", "together", "main", status: "timeout", responseTimeMs: 30000);
        }
    }

    Task BackgroundTaskAsync() => ReconcileCredits(loggers.CreateLogger("Gatewayz.Jobs.CreditReconciliation"), batch: 17);

    static Task ReconcileCredits(ILogger logger, int batch) =>
        ErrorCapture.RunBackgroundAsync(logger,
            () => Upstream.FailAsync(new InvalidOperationException("Ledger total 1204.50 does not match balance 1199.50")),
            () => new { job = "reconcile_credits", batch });

    async Task CriticalFailureAsync()
    {
        var logger = loggers.CreateLogger("Gatewayz.Data.ConnectionPool");
        try
        {
            using (ErrorContext.Push("database", new { operation = "update", table = "credits", pool_size = 100 }))
            using (ErrorContext.PushTag("critical", "true"))
                await Upstream.FailAsync(new InvalidOperationException("Timeout expired. The timeout period elapsed prior to obtaining a connection from the pool."));
        }
        catch (InvalidOperationException ex)
        {
            logger.LogCritical(ex, "Database connection pool exhausted; all credit writes are failing");
        }
    }

    async Task WebhookAsync()
    {
        var logger = loggers.CreateLogger("Gatewayz.Payments.StripeWebhook");
        try
        {
            await Upstream.FailAsync(new InvalidOperationException("No signatures found matching the expected signature for payload"));
        }
        catch (InvalidOperationException ex)
        {
            logger.CaptureError(ex, "webhook", new { event_type = "checkout.session.completed" }, new Dictionary<string, string> { ["flow"] = "webhook" });
        }
    }

    Task WarningAsync()
    {
        loggers.CreateLogger("Gatewayz.Routing.Router").LogWarning("Provider {provider} is slow ({latency_ms} ms); routing to the next one", "featherless", 8200);
        return Task.CompletedTask;
    }

    /// <summary>Stands in for the network: fails the way the real dependency would, after an await.</summary>
    static class Upstream
    {
        public static async Task FailAsync(Exception failure)
        {
            await Task.Yield();
            throw failure;
        }

        public static async Task<T> FailAsync<T>(Exception failure)
        {
            await Task.Yield();
            throw failure;
        }
    }
}
