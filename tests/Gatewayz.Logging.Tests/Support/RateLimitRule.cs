using System.Globalization;

namespace Gatewayz.Logging.Tests.Support;

/// <summary>
/// What <see cref="EndpointBehavior.RateLimited"/> answers: which data categories are limited and for how long.
/// An empty <see cref="Categories"/> limits every category.
/// </summary>
/// <param name="RetryAfterSeconds">Sent as <c>Retry-After</c> and as the first field of <c>X-Sentry-Rate-Limits</c>.</param>
/// <param name="Categories">Sentry data categories (<c>error</c>, <c>transaction</c>, <c>internal</c>, ...); empty for all.</param>
/// <param name="SendSentryRateLimitsHeader">False to send only <c>Retry-After</c>, as a plain HTTP server would.</param>
public sealed record RateLimitRule(int RetryAfterSeconds, IReadOnlyList<string> Categories, bool SendSentryRateLimitsHeader = true)
{
    /// <summary>Limits only error events.</summary>
    public static RateLimitRule Errors(int retryAfterSeconds) => new(retryAfterSeconds, ["error"]);

    /// <summary>Limits every category.</summary>
    public static RateLimitRule Everything(int retryAfterSeconds) => new(retryAfterSeconds, []);

    /// <summary>The value of the <c>X-Sentry-Rate-Limits</c> header: <c>seconds:cat1;cat2:organization</c>.</summary>
    public string SentryRateLimitsHeader =>
        string.Create(CultureInfo.InvariantCulture, $"{RetryAfterSeconds}:{string.Join(';', Categories)}:organization");

    /// <summary>Whether an item of this data category is limited.</summary>
    public bool Limits(string category) =>
        Categories.Count == 0 || Categories.Contains(category, StringComparer.OrdinalIgnoreCase);
}
