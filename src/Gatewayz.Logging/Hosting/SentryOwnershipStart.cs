using Microsoft.Extensions.Hosting;
using Sentry;
using Serilog.Debugging;

namespace Gatewayz.Logging.Hosting;

/// <summary>
/// When the host starts, gives Sentry's own hosting integration its turn, then settles who owns the
/// SDK and says so in one line. Sentry.AspNetCore initialises the SDK when its hub is first resolved
/// from the container; resolving it here makes that happen before the library decides, wherever
/// <c>UseSentry()</c> stands relative to <c>AddGatewayzLogging()</c>.
/// </summary>
sealed class SentryOwnershipStart(HostedOwnership ownership, IServiceProvider services, Action<string> report) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            services.GetService(typeof(IHub));
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: resolving the app's Sentry hub failed: {0}", ex);
        }
        foreach (var line in ownership.Settle())
            report(line);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
