using System.Net;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Sentry;

namespace Gatewayz.Logging.Tests.Interop;

/// <summary>
/// The interop matrix: every way an app wires Serilog and the library, with the SDK owned by each
/// usual owner, on the Sentry version this test project runs (6.13.0, and 7.0.0 in the Sentry 7
/// project). In every cell: the app starts, a logged failure is one event with the library's tags,
/// contexts and redaction, an unhandled exception is one event, the owner's environment stands, and
/// breadcrumbs are there once.
/// </summary>
[Collection(SentrySdkCollection.Name)]
public sealed class InteropMatrixTests
{
    public static TheoryData<Wiring, SdkOwner> Cells()
    {
        var cells = new TheoryData<Wiring, SdkOwner>();
        foreach (var wiring in Enum.GetValues<Wiring>())
        {
            foreach (var owner in Enum.GetValues<SdkOwner>())
                cells.Add(wiring, owner);
        }
        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task One_event_per_failure_with_tags_contexts_breadcrumbs_the_owners_environment_and_no_secret(Wiring wiring, SdkOwner owner)
    {
        using var env = EnvironmentVariables.Clean();
        using var inbox = new EnvelopeInbox();
        Assert.False(SentrySdk.IsEnabled);

        await using (var app = await InteropApp.StartAsync(wiring, owner, inbox.Dsn))
        {
            Assert.True(SentrySdk.IsEnabled, "the owner initialised the SDK by the time the app started");
            using var client = app.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/chat")).StatusCode);
            Assert.Equal(HttpStatusCode.InternalServerError, (await client.GetAsync("/boom")).StatusCode);
        }

        await inbox.WaitForEventsAsync(2, TimeSpan.FromSeconds(15));
        await Task.Delay(200);
        var events = inbox.Events;
        var all = string.Join("\n", events.Select(e => e.Json.GetRawText()));

        var failure = Assert.Single(events, e => e.Message == InteropApp.FailureTemplate);
        Assert.Equal("openrouter", failure.Tags["provider"]);
        Assert.Equal("502", failure.Contexts["upstream"]["status"]?.ToString());
        Assert.Equal(InteropApp.EnvironmentOf(owner), failure.Environment);
        Assert.Single(failure.Breadcrumbs, b => b.Message == "Routing chat request");
        Assert.Equal("System.Net.Http.HttpRequestException", failure.Exception?.Type);

        var unhandled = Assert.Single(events, e => e.Exception?.Value?.Contains("boom", StringComparison.Ordinal) == true);
        Assert.Equal(InteropApp.EnvironmentOf(owner), unhandled.Environment);
        // The library's event, from ASP.NET Core's log of it, not a bare capture by Sentry's middleware:
        // Sentry.AspNetCore captures the same exception after the exception handler logged it.
        Assert.Equal(InteropApp.UnhandledLogMessage, unhandled.Message);
        Assert.Equal("/boom", unhandled.Contexts["log"]["RequestPath"]?.ToString());

        Assert.DoesNotContain(InteropApp.Secret, all, StringComparison.Ordinal);
        Assert.DoesNotContain(InteropApp.Email, all, StringComparison.Ordinal);
        Assert.Equal(2, events.Count);
    }
}
