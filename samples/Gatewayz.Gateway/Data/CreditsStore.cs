using System.Collections.Concurrent;
using Gatewayz.Gateway.Failures;

namespace Gatewayz.Gateway.Data;

/// <summary>The database of users and credits, simulated; it refuses queries when asked.</summary>
public sealed class CreditsStore
{
    readonly ConcurrentDictionary<string, decimal> _credits = new() { ["4217"] = 1204.50m, ["5120"] = 80m };

    public async Task<decimal> GetCreditsAsync(string userId, FailureMode failures)
    {
        await Task.Delay(2);
        if (failures.HasFlag(FailureMode.Database))
            throw new InvalidOperationException("57P01: terminating connection due to administrator command");
        return _credits.GetValueOrDefault(userId);
    }

    public async Task CreateUserAsync(string userId, FailureMode failures)
    {
        await Task.Delay(2);
        if (failures.HasFlag(FailureMode.Database) || !_credits.TryAdd(userId, 0))
            throw new InvalidOperationException("23505: duplicate key value violates unique constraint \"users_pkey\"");
    }
}
