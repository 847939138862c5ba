using Gatewayz.Logging;
using Sentry;

namespace Gatewayz.Gateway.Auth;

/// <summary>
/// Checks the <c>Authorization: Bearer &lt;key&gt;</c> of a request. A bad key is reported with its
/// first eight characters only; a good one sets the request's Sentry user.
/// </summary>
public sealed class ApiKeys(IConfiguration configuration, ILogger<ApiKeys> logger)
{
    public const int PrefixLength = 8;

    readonly Dictionary<string, string> _users = configuration.GetSection("Gateway:ApiKeys").GetChildren()
        .Where(c => c.Value is not null)
        .ToDictionary(c => c.Key, c => c.Value!, StringComparer.Ordinal);

    /// <summary>The user the request's key belongs to, or null after reporting the bad key.</summary>
    public string? Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var key = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        if (_users.TryGetValue(key, out var userId))
        {
            SentrySdk.ConfigureScope(s => s.User = new SentryUser { Id = userId });
            return userId;
        }

        logger.CaptureAuthError(new UnauthorizedAccessException("Unknown or missing API key"), "api_key_validation",
            details: new { key_prefix = key.Length >= PrefixLength ? key[..PrefixLength] : "(none)", endpoint = request.Path.Value },
            level: LogLevel.Warning);
        return null;
    }
}
