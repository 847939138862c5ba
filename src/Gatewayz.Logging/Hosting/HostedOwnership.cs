using Gatewayz.Logging.Sinks;

namespace Gatewayz.Logging.Hosting;

/// <summary>
/// The Sentry sinks that <c>AddGatewayzLogging</c> builds into the app's logger, its own and those
/// the <c>Serilog</c> section declares. They settle who owns the Sentry SDK when the host starts
/// (<see cref="SentryOwnershipStart"/>), after <c>UseSentry()</c> or <c>SentrySdk.Init</c> had their
/// turn wherever the app calls them, instead of at builder time, when the order of the calls would
/// decide.
/// </summary>
sealed class HostedOwnership
{
    [ThreadStatic]
    static HostedOwnership? t_current;

    readonly List<GatewayzSentrySink> _sinks = [];

    /// <summary>The host whose logger is being built on this thread, or null.</summary>
    public static HostedOwnership? Current => t_current;

    /// <summary>Sinks built on this thread until the returned scope is disposed are this host's.</summary>
    public IDisposable Collect()
    {
        var previous = t_current;
        t_current = this;
        return new Restore(previous);
    }

    public void Add(GatewayzSentrySink sink)
    {
        lock (_sinks)
            _sinks.Add(sink);
    }

    /// <summary>True when one of the host's sinks sends log lines to Sentry's Logs.</summary>
    public bool SendsLogs
    {
        get
        {
            lock (_sinks)
                return _sinks.Any(s => s.SendsLogs);
        }
    }

    /// <summary>Settles every sink; the distinct lines that say what became of Sentry.</summary>
    public IReadOnlyList<string> Settle()
    {
        GatewayzSentrySink[] sinks;
        lock (_sinks)
            sinks = [.. _sinks];
        return sinks.Select(s => s.SettleOwnership()).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
    }

    sealed class Restore(HostedOwnership? previous) : IDisposable
    {
        public void Dispose() => t_current = previous;
    }
}
