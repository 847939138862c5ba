namespace Gatewayz.Logging.Sinks;

/// <summary>
/// The sinks alive in the process, so that host shutdown and the testing kit can wait for every
/// pending event, including those of sinks created from appsettings.json.
/// </summary>
static class LiveSinks
{
    static readonly object Gate = new();
    static GatewayzSentrySink[] s_sinks = [];

    public static void Add(GatewayzSentrySink sink)
    {
        lock (Gate)
            s_sinks = [.. s_sinks, sink];
    }

    public static void Remove(GatewayzSentrySink sink)
    {
        lock (Gate)
            s_sinks = s_sinks.Where(s => !ReferenceEquals(s, sink)).ToArray();
    }

    /// <summary>Whether a live sink has Sentry enabled: a capture no sink has seen yet may still be sent.</summary>
    public static bool AnyEnabled()
    {
        foreach (var sink in Volatile.Read(ref s_sinks))
        {
            if (sink.Hub.IsEnabled)
                return true;
        }
        return false;
    }

    /// <summary>
    /// Host shutdown: flushes every live sink, and tells each that shutdown has begun, so that its
    /// disposal later in the shutdown waits only for what is left of its timeout.
    /// </summary>
    public static Task<bool> FlushForShutdownAsync(TimeSpan timeout)
    {
        foreach (var sink in Volatile.Read(ref s_sinks))
            sink.ShutdownStarted();
        return FlushAllAsync(timeout);
    }

    /// <summary>The host has stopped: flushes every live sink within what is left of its own shutdown timeout.</summary>
    public static async Task<bool> FlushForHostStopAsync()
    {
        var sinks = Volatile.Read(ref s_sinks);
        var results = await Task.WhenAll(sinks.Select(s => s.FlushForHostStopAsync())).ConfigureAwait(false);
        return results.All(r => r);
    }

    /// <summary>Waits for every live sink's pending events to reach the SDK and the SDK to send them.</summary>
    public static async Task<bool> FlushAllAsync(TimeSpan timeout)
    {
        var sinks = Volatile.Read(ref s_sinks);
        var results = await Task.WhenAll(sinks.Select(s => s.FlushAsync(timeout))).ConfigureAwait(false);
        return results.All(r => r);
    }
}
