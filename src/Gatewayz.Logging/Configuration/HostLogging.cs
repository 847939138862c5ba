using Gatewayz.Logging.Redaction;
using Gatewayz.Logging.Sinks;
using Microsoft.Extensions.Hosting;

namespace Gatewayz.Logging.Configuration;

/// <summary>
/// What <c>AddGatewayzLogging</c> builds for one host: the redaction policy every component of its
/// logger shares, and the Sentry sinks of that logger. It reaches the components the <c>Serilog</c>
/// section declares through the configuration object Serilog hands them (<see cref="SerilogSectionView"/>).
/// As the host's service, it decides who owns the SDK when the host starts and flushes the sinks when it stops.
/// </summary>
sealed class HostLogging(RedactionPolicy redaction)
{
    readonly List<GatewayzSentrySink> _sinks = [];

    /// <summary>The keys and PII setting given anywhere (code, the <c>Sentry</c> section, components' <c>Args</c>).</summary>
    public RedactionPolicy Redaction => redaction;

    public void Add(GatewayzSentrySink sink)
    {
        lock (_sinks)
            _sinks.Add(sink);
    }

    /// <summary>True when one of the host's sinks sends log lines to Sentry's Logs.</summary>
    public bool SendsLogs => Sinks().Any(s => s.SendsLogs);

    GatewayzSentrySink[] Sinks()
    {
        lock (_sinks)
            return [.. _sinks];
    }

    /// <summary>The host's service: <paramref name="report"/> is told, once the host starts, what became of Sentry.</summary>
    public IHostedService Lifetime(IServiceProvider services, Action<string> report) => new HostLifetime(this, services, report);

    /// <summary>
    /// Start: Sentry's own hosting integration initialises the SDK when its hub is first resolved, so the
    /// hub is resolved first, and whoever owns the SDK (<c>UseSentry()</c>, <c>SentrySdk.Init</c>, wherever
    /// they are called) is known when the sinks decide. Stop: registered before the app's services, it
    /// stops after them, and flushes what they logged while stopping within each sink's shutdown timeout;
    /// the logger's disposal, later, waits only for what is left of it.
    /// </summary>
    sealed class HostLifetime(HostLogging host, IServiceProvider services, Action<string> report) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            SentryHostFit.ResolveHub(services);
            foreach (var line in host.Sinks().Select(s => s.DecideOwnership()).OfType<string>().Distinct(StringComparer.Ordinal))
                report(line);
            return Task.CompletedTask;
        }

        public async Task StopAsync(CancellationToken cancellationToken) =>
            await Task.WhenAll(host.Sinks().Select(s => s.FlushForShutdownAsync())).ConfigureAwait(false);
    }
}
