using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sentry;
using Serilog;

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
    public async Task An_error_logged_before_the_host_starts_when_no_sdk_runs_is_not_sent_and_the_startup_line_says_so()
    {
        // Events are captured where they are logged; before the host starts the library has no SDK to capture
        // through, and keeps no queue of its own.
        using var env = EnvironmentVariables.Clean();
        using var stdout = new StandardOutput();
        var transport = new RecordingTransport();
        var builder = TestHosts.Builder("""{ "Sentry": { "Dsn": "https://public@o0.ingest.sentry.io/42" } }""");
        builder.AddGatewayzLogging(o => o.ConfigureSentry = s => s.Transport = transport);
        Serilog.Log.Logger.Error("Configuration was odd");

        using (var host = builder.Build())
        {
            await host.StartAsync();
            host.Services.GetRequiredService<ILogger<Checkout>>().LogError("Checkout failed");
            await host.StopAsync();
        }

        Assert.Equal("Checkout failed", Assert.Single(transport.Events).Message);
        Assert.Single(stdout.Lines, l => l.Contains("Gatewayz.Logging initialised the Sentry SDK", StringComparison.Ordinal)
            && l.Contains("1 error(s) logged before the host started, when no Sentry SDK ran yet, were not sent.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_error_logged_after_UseSentry_started_the_sdk_and_before_the_host_starts_is_sent_through_it()
    {
        using var env = EnvironmentVariables.Clean();
        var transport = new RecordingTransport();
        var builder = UseSentryApp(transport);
        builder.AddGatewayzLogging();

        await using (var app = builder.Build())
        {
            // Startup work between Build() and Run(): Sentry.AspNetCore's SDK runs from Build() on.
            app.Services.GetRequiredService<ILogger<Checkout>>().LogError("Migration failed");
            await app.StartAsync();
            await app.StopAsync();
        }
        await SentrySdk.FlushAsync(TimeSpan.FromSeconds(5));
        SentrySdk.Close();

        Assert.Equal("Migration failed", Assert.Single(transport.Events).Message);
    }

    [Fact]
    public async Task With_UseSentry_an_exception_the_app_also_captures_itself_after_logging_it_is_one_event_the_librarys()
    {
        using var env = EnvironmentVariables.Clean();
        var transport = new RecordingTransport();
        var builder = UseSentryApp(transport);
        builder.AddGatewayzLogging();

        await using (var app = builder.Build())
        {
            await app.StartAsync();
            var logger = app.Services.GetRequiredService<ILogger<Checkout>>();
            // Fewer than storm control's budget for one fingerprint: the library sends each.
            for (var i = 0; i < 8; i++)
            {
                var failure = new InvalidOperationException($"card declined {i}");
                using (logger.BeginScope(new Dictionary<string, object> { ["provider"] = "stripe" }))
                    logger.LogError(failure, "Checkout failed {Attempt}", i);
                // Sentry's own capture of the same exception, after the library's: the SDK drops it as a duplicate.
                SentrySdk.CaptureException(failure);
            }
            await app.StopAsync();
        }
        await SentrySdk.FlushAsync(TimeSpan.FromSeconds(5));
        SentrySdk.Close();

        Assert.Equal(8, transport.Events.Count);
        Assert.All(transport.Events, e => Assert.Equal("stripe", e.Tags["provider"]));
        Assert.Equal(8, transport.Events.Select(e => e.Exception?.Value).Distinct().Count());
    }

    [Fact]
    public async Task With_UseSentry_and_UseSerilog_an_error_logged_just_before_the_host_stops_reaches_Sentry_before_it_closes()
    {
        using var env = EnvironmentVariables.Clean();
        var transport = new RecordingTransport();
        var builder = UseSentryApp(transport);
        var logger = new Serilog.LoggerConfiguration().WriteTo.GatewayzSentry().CreateLogger();
        builder.Host.UseSerilog(logger);

        await using (var app = builder.Build())
        {
            await app.StartAsync();
            app.Services.GetRequiredService<ILogger<Checkout>>().LogError(new InvalidOperationException("card declined"), "Checkout failed");
            // Sentry.AspNetCore closes the SDK when the host has stopped; the app disposes its logger only later.
            await app.StopAsync();
        }
        await logger.DisposeAsync();
        SentrySdk.Close();

        var evt = Assert.Single(transport.Events);
        Assert.Equal("card declined", evt.Exception?.Value);
    }

    /// <summary>An ASP.NET Core app on a test server whose SDK Sentry.AspNetCore initialises, sending to <paramref name="transport"/>.</summary>
    static WebApplicationBuilder UseSentryApp(RecordingTransport transport)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Staging" });
        builder.WebHost.UseTestServer();
        builder.Configuration["Sentry:Dsn"] = "https://public@o0.ingest.sentry.io/42";
        builder.WebHost.UseSentry(o => o.Transport = transport);
        return builder;
    }
}
