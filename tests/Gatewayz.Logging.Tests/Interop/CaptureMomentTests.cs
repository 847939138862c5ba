using System.Diagnostics;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sentry;
using Sentry.Extensibility;

namespace Gatewayz.Logging.Tests.Interop;

/// <summary>
/// What the app's own Sentry callbacks see when an error it logs is captured: its <c>BeforeSend</c> and
/// event processors read the request (<c>IHttpContextAccessor</c>), an <c>AsyncLocal</c> the request set
/// and <c>Activity.Current</c>, as teams do to add the tenant or user of the request. Each owner of the
/// SDK is tried with the library capturing, and beside it with Sentry's own logging integration alone,
/// which captures where the app logs: both must see the request that logged.
/// </summary>
[Collection(SentrySdkCollection.Name)]
public sealed class CaptureMomentTests
{
    const string Dsn = "https://public@o0.ingest.sentry.io/42";

    static readonly AsyncLocal<string?> Tenant = new();

    public enum Owner
    {
        /// <summary><c>builder.WebHost.UseSentry()</c>.</summary>
        UseSentry,

        /// <summary><c>SentrySdk.Init</c> before the app is built.</summary>
        SentrySdkInit,

        /// <summary>The library, from the <c>Sentry</c> section's DSN.</summary>
        Library,
    }

    public enum Capturer
    {
        /// <summary><c>AddGatewayzLogging()</c>.</summary>
        Library,

        /// <summary>Sentry's own Microsoft.Extensions.Logging provider, without the library: the reference.</summary>
        SentryLoggingAlone,
    }

    public static TheoryData<Owner, Capturer> Cells() => new()
    {
        { Owner.UseSentry, Capturer.Library },
        { Owner.UseSentry, Capturer.SentryLoggingAlone },
        { Owner.SentrySdkInit, Capturer.Library },
        { Owner.SentrySdkInit, Capturer.SentryLoggingAlone },
        { Owner.Library, Capturer.Library },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task BeforeSend_and_event_processors_see_the_request_its_AsyncLocal_and_Activity_that_logged(Owner owner, Capturer capturer)
    {
        using var env = EnvironmentVariables.Clean();
        var transport = new RecordingTransport();
        var activities = new Dictionary<string, string>();
        var sdk = owner == Owner.SentrySdkInit ? SentrySdk.Init(o => Callbacks(o, transport)) : null;
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Staging" });
            builder.WebHost.UseTestServer();
            builder.Services.AddHttpContextAccessor();
            if (owner != Owner.SentrySdkInit)
                builder.Configuration["Sentry:Dsn"] = Dsn;
            if (owner == Owner.UseSentry)
                builder.WebHost.UseSentry(o => Callbacks(o, transport));
            if (capturer == Capturer.Library)
                builder.AddGatewayzLogging(o => o.ConfigureSentry = owner == Owner.Library ? s => Callbacks(s, transport) : null);
            else if (owner == Owner.SentrySdkInit)
                AddSentryLogging(builder.Logging);

            await using (var app = builder.Build())
            {
                app.MapGet("/checkout/{tenant}", (string tenant, ILogger<CaptureMomentTests> logger) =>
                {
                    Tenant.Value = tenant;
                    using var activity = new Activity("checkout").Start();
                    lock (activities)
                        activities[tenant] = activity.Id!;
                    logger.LogError(new InvalidOperationException($"card declined for {tenant}"), "Checkout failed for {Tenant}", tenant);
                    return Results.Ok();
                });
                await app.StartAsync();
                using var client = app.GetTestClient();
                // Two requests at once: each event must see its own.
                var responses = await Task.WhenAll(client.GetAsync("/checkout/acme"), client.GetAsync("/checkout/globex"));
                Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode));
                await app.StopAsync();
            }
            await SentrySdk.FlushAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            sdk?.Dispose();
            SentrySdk.Close();
        }

        foreach (var tenant in new[] { "acme", "globex" })
        {
            var evt = Assert.Single(transport.Events, e => e.Exception?.Value == $"card declined for {tenant}");
            Assert.Equal($"/checkout/{tenant}", evt.Tags["seen.path"]);
            Assert.Equal(tenant, evt.Tags["seen.tenant"]);
            Assert.Equal(activities[tenant], evt.Tags["seen.activity"]);
            Assert.Equal(tenant, evt.Tags["processor.tenant"]);
        }
    }

    /// <summary>The app's own callbacks, as teams write them: what they read becomes a tag of the event.</summary>
    static void Callbacks(SentryOptions options, RecordingTransport transport)
    {
        options.Dsn ??= Dsn;
        options.Transport = transport;
        options.AutoSessionTracking = false;
        options.AddEventProcessor(new TenantProcessor());
        options.SetBeforeSend(e =>
        {
            e.SetTag("seen.path", new HttpContextAccessor().HttpContext?.Request.Path.Value ?? "(none)");
            e.SetTag("seen.tenant", Tenant.Value ?? "(none)");
            e.SetTag("seen.activity", Activity.Current?.Id ?? "(none)");
            return e;
        });
    }

    /// <summary>Sentry.Extensions.Logging's provider, through the SDK <c>SentrySdk.Init</c> started.</summary>
    static void AddSentryLogging(ILoggingBuilder logging) =>
#if SENTRY7
        logging.AddSentry();
#else
        logging.AddSentry(o => o.InitializeSdk = false);
#endif

    sealed class TenantProcessor : ISentryEventProcessor
    {
        public SentryEvent? Process(SentryEvent @event)
        {
            @event.SetTag("processor.tenant", Tenant.Value ?? "(none)");
            return @event;
        }
    }
}
