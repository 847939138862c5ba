using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatewayz.Logging.Tests.Support;

/// <summary>Generic hosts configured from a JSON text alone, as an app's appsettings.json would.</summary>
public static class TestHosts
{
    public static HostApplicationBuilder Builder(string json, string environment = "Production")
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = environment,
            DisableDefaults = true,
        });
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        return builder;
    }

    /// <summary>Builds and starts a host wired with <c>AddGatewayzLogging()</c>.</summary>
    public static async Task<IHost> StartAsync(string json, Action<GatewayzSentryOptions>? configure = null)
    {
        var builder = Builder(json);
        builder.AddGatewayzLogging(configure);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
