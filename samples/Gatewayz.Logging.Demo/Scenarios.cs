using Microsoft.Extensions.Logging;
using Serilog.Context;

namespace Gatewayz.Logging.Demo;

/// <summary>
/// The gateway's failure scenarios, written the way Gatewayz code logs them: a catch block, inside
/// the scopes that say which provider, table or operation was involved.
/// </summary>
sealed class Scenarios(ILoggerFactory loggers)
{
    public sealed record Scenario(string Title, Func<Task> Run);

    public IReadOnlyList<Scenario> All =>
    [
        new("Provider call: openrouter answers 502", ProviderCallAsync),
        new("Database insert: duplicate user", DatabaseInsertAsync),
        new("Stripe checkout: card declined", StripeCheckoutAsync),
        new("API-key check: unknown key", ApiKeyCheckAsync),
        new("Redis read: cache down, served from the database", CacheReadAsync),
        new("Background task: credit reconciliation fails", BackgroundTaskAsync),
        new("Critical failure: connection pool exhausted", CriticalFailureAsync),
    ];

    async Task ProviderCallAsync()
    {
        var logger = loggers.CreateLogger("Gatewayz.Providers.OpenRouterClient");
        using (logger.BeginScope(new Dictionary<string, object> { ["provider"] = "openrouter", ["model_id"] = "openai/gpt-4o-mini", ["request_type"] = "chat" }))
        using (LogContext.PushProperty("upstream", new { endpoint = "/api/v1/chat/completions", status = 502, latency_ms = 1843 }, destructureObjects: true))
        {
            logger.LogInformation("Routing chat completion to {provider}", "openrouter");
            try
            {
                await Upstream.FailAsync(new HttpRequestException("Response status code does not indicate success: 502 (Bad Gateway).", null, System.Net.HttpStatusCode.BadGateway));
            }
            catch (HttpRequestException ex)
            {
                logger.LogError(ex, "Provider {provider} request failed for model {model_id}", "openrouter", "openai/gpt-4o-mini");
            }
        }
    }

    async Task DatabaseInsertAsync()
    {
        var logger = loggers.CreateLogger("Gatewayz.Data.UserRepository");
        using (logger.BeginScope(new Dictionary<string, string> { ["operation"] = "insert", ["table"] = "users" }))
        {
            try
            {
                await Upstream.FailAsync(new InvalidOperationException("duplicate key value violates unique constraint \"users_email_key\""));
            }
            catch (InvalidOperationException ex)
            {
                logger.LogError(ex, "Could not create user {user_id}", 4217);
            }
        }
    }

    async Task StripeCheckoutAsync()
    {
        var logger = loggers.CreateLogger("Gatewayz.Payments.CheckoutService");
        using (logger.BeginScope("Checkout {checkout_id} for user {user_id}", "cs_test_a1B2c3", 4217))
        using (LogContext.PushProperty("provider", "stripe"))
        using (LogContext.PushProperty("operation", "checkout"))
        using (LogContext.PushProperty("payment", new { amount = 20.00m, currency = "usd", credits = 2000 }, destructureObjects: true))
        {
            try
            {
                await Upstream.FailAsync(new InvalidOperationException("Your card was declined. (card_declined)"));
            }
            catch (InvalidOperationException ex)
            {
                logger.LogError(ex, "Stripe checkout failed");
            }
        }
    }

    Task ApiKeyCheckAsync()
    {
        var logger = loggers.CreateLogger("Gatewayz.Auth.ApiKeyValidator");
        using (LogContext.PushProperty("operation", "api_key_validation"))
        using (LogContext.PushProperty("endpoint", "/v1/chat/completions"))
        {
            logger.LogError("Rejected request: unknown API key {key_prefix}", "gw_live_");
        }
        return Task.CompletedTask;
    }

    async Task CacheReadAsync()
    {
        var logger = loggers.CreateLogger("Gatewayz.Caching.RedisCache");
        using (logger.BeginScope(new Dictionary<string, object> { ["cache_type"] = "redis", ["operation"] = "get" }))
        {
            try
            {
                await Upstream.FailAsync(new TimeoutException("Timeout awaiting response (outbound=0KiB, inbound=0KiB, 5000ms elapsed)"));
            }
            catch (TimeoutException ex)
            {
                logger.LogWarning(ex, "Cache read failed for {key}; serving from the database", "user:4217:credits");
            }
        }
        logger.LogInformation("Served credits for user {user_id} from the database", 4217);
    }

    async Task BackgroundTaskAsync()
    {
        var logger = loggers.CreateLogger("Gatewayz.Jobs.CreditReconciliation");
        await Task.Run(async () =>
        {
            using (LogContext.PushProperty("request_type", "background"))
            using (LogContext.PushProperty("operation", "reconcile_credits"))
            {
                try
                {
                    await Upstream.FailAsync(new InvalidOperationException("Ledger total 1204.50 does not match balance 1199.50"));
                }
                catch (InvalidOperationException ex)
                {
                    logger.LogError(ex, "Background task {task} failed; the request that queued it was not affected", "reconcile_credits");
                }
            }
        });
    }

    async Task CriticalFailureAsync()
    {
        var logger = loggers.CreateLogger("Gatewayz.Data.ConnectionPool");
        using (LogContext.PushProperty("critical", true))
        using (LogContext.PushProperty("table", "credits"))
        {
            try
            {
                await Upstream.FailAsync(new InvalidOperationException("Timeout expired. The timeout period elapsed prior to obtaining a connection from the pool."));
            }
            catch (InvalidOperationException ex)
            {
                logger.LogCritical(ex, "Database connection pool exhausted; all credit writes are failing");
            }
        }
    }

    /// <summary>Stands in for the network: fails the way the real dependency would, after an await.</summary>
    static class Upstream
    {
        public static async Task FailAsync(Exception failure)
        {
            await Task.Yield();
            throw failure;
        }
    }
}
