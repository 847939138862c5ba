using Gatewayz.Logging.Sinks;
using Microsoft.Extensions.Hosting;

namespace Gatewayz.Logging.Hosting;

/// <summary>
/// Flushes pending Sentry events when the host stops, within the configured timeout. Registered
/// first, it is stopped last, after the services that may still log while stopping. The logger's
/// disposal, later in the shutdown, waits only for what is left of the same timeout.
/// </summary>
sealed class ShutdownFlush(TimeSpan timeout) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => LiveSinks.FlushForShutdownAsync(timeout);
}
