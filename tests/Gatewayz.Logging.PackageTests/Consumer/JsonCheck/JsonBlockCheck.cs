using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Debugging;

namespace GatewayzJsonCheck;

/// <summary>
/// Loads one ```json block of the documentation as appsettings.json under AddGatewayzLogging(), starts
/// and stops the host, and fails (exit code 1) when that throws or when Serilog's SelfLog said anything.
/// </summary>
static class JsonBlockCheck
{
    static async Task<int> Main(string[] args)
    {
        var selfLog = new StringWriter();
        SelfLog.Enable(TextWriter.Synchronized(selfLog));
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration.AddJsonStream(new MemoryStream(File.ReadAllBytes(args[0])));
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.AddGatewayzLogging();
            await using (var app = builder.Build())
            {
                await app.StartAsync();
                await app.StopAsync();
            }
            await Log.CloseAndFlushAsync();
        }
        catch (Exception e)
        {
            Console.WriteLine($"startup failed: {e}");
            return 1;
        }
        finally
        {
            SelfLog.Disable();
        }
        var said = selfLog.ToString();
        if (said.Length == 0)
            return 0;
        Console.WriteLine($"Serilog's SelfLog:\n{said}");
        return 1;
    }
}
