using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sentry;

namespace Gatewayz.Logging.Tests.Interop;

/// <summary>The SDK has one owner, and it may be Sentry's: the library only captures through it and changes nothing it set.</summary>
[Collection(SentrySdkCollection.Name)]
public sealed class SdkOwnerTests
{
    sealed class Checkout;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task With_UseSentry_before_or_after_the_app_has_one_sdk_Sentrys_and_the_startup_line_says_so(bool useSentryFirst)
    {
        using var env = EnvironmentVariables.Clean();
        using var stdout = new StandardOutput();
        var transport = new RecordingTransport();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Staging" });
        builder.WebHost.UseTestServer();
        builder.Configuration["Sentry:Dsn"] = "https://public@o0.ingest.sentry.io/42";
        builder.Configuration["Sentry:Release"] = "gateway@7.1.0";
        if (useSentryFirst)
            builder.WebHost.UseSentry(o => o.Transport = transport);
        builder.AddGatewayzLogging(o => o.ConfigureSentry = _ => throw new InvalidOperationException("the library must not initialise the SDK"));
        if (!useSentryFirst)
            builder.WebHost.UseSentry(o => o.Transport = transport);

        await using (var app = builder.Build())
        {
            await app.StartAsync();
            app.Services.GetRequiredService<ILogger<Checkout>>().LogError("Checkout failed");
            await app.StopAsync();
        }
        await SentrySdk.FlushAsync(TimeSpan.FromSeconds(5));
        SentrySdk.Close();

        var evt = Assert.Single(transport.Events);
        Assert.Equal("gateway@7.1.0", evt.Release);
        Assert.Equal("staging", evt.Environment);
        Assert.Single(stdout.Lines, l => l.Contains("Sentry is on", StringComparison.Ordinal) && l.Contains("the app initialised", StringComparison.Ordinal));
        Assert.DoesNotContain(stdout.Lines, l => l.Contains("Sentry is off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_an_sdk_the_app_initialised_the_owners_transport_BeforeSend_and_release_apply_to_the_librarys_events()
    {
        using var env = EnvironmentVariables.Clean();
        var transport = new RecordingTransport();
        using (SentrySdk.Init(o =>
        {
            o.Dsn = "https://public@o0.ingest.sentry.io/42";
            o.Transport = transport;
            o.Release = "owner@2.0.0";
            o.Environment = "owner-env";
            o.SetBeforeSend(e =>
            {
                e.SetTag("seen_by", "owner");
                return e;
            });
        }))
        {
            using var host = await TestHosts.StartAsync("""{ "Sentry": { "Environment": "ours", "Release": "ours@1" } }""");
            host.Services.GetRequiredService<ILogger<Checkout>>().LogError("Checkout failed");
            await host.StopAsync();
            await SentrySdk.FlushAsync(TimeSpan.FromSeconds(5));
        }

        var evt = Assert.Single(transport.Events);
        Assert.Equal("owner", evt.Tags["seen_by"]);
        Assert.Equal("owner@2.0.0", evt.Release);
        Assert.Equal("owner-env", evt.Environment);
    }

    [Fact]
    public async Task When_the_library_owns_the_sdk_the_startup_line_says_so()
    {
        using var env = EnvironmentVariables.Clean();
        using var stdout = new StandardOutput();
        var builder = TestHosts.Builder("""{ "Sentry": { "Dsn": "https://public@o0.ingest.sentry.io/42" } }""", "Staging");
        builder.AddGatewayzLogging(o => o.ConfigureSentry = s => s.Transport = new RecordingTransport());

        using (var host = builder.Build())
        {
            await host.StartAsync();
            await host.StopAsync();
        }

        Assert.Single(stdout.Lines, l => l.Contains("Gatewayz.Logging initialised the Sentry SDK (environment 'staging')", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_error_logged_before_the_host_starts_waits_for_the_owner_and_is_sent_through_it()
    {
        using var env = EnvironmentVariables.Clean();
        var transport = new RecordingTransport();
        var builder = TestHosts.Builder("""{ "Sentry": { "Dsn": "https://public@o0.ingest.sentry.io/42" } }""");
        builder.AddGatewayzLogging(o => o.ConfigureSentry = s => s.Transport = transport);
        Serilog.Log.Logger.Error("Configuration was odd");

        using (var host = builder.Build())
        {
            await host.StartAsync();
            await host.StopAsync();
        }

        Assert.Equal("Configuration was odd", Assert.Single(transport.Events).Message);
    }
}
