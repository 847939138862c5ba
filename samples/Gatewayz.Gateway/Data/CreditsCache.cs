using System.Collections.Concurrent;
using Gatewayz.Gateway.Failures;

namespace Gatewayz.Gateway.Data;

/// <summary>A simulated Redis cache in front of the credits; it times out when asked.</summary>
public sealed class CreditsCache
{
    readonly ConcurrentDictionary<string, decimal> _entries = new();

    public async Task<decimal?> GetAsync(string key, FailureMode failures)
    {
        await Task.Delay(1);
        if (failures.HasFlag(FailureMode.Cache))
            throw new TimeoutException($"Timeout awaiting response (outbound=0KiB, inbound=0KiB, 5000ms elapsed, key={key})");
        return _entries.TryGetValue(key, out var value) ? value : null;
    }

    public void Set(string key, decimal value) => _entries[key] = value;
}
