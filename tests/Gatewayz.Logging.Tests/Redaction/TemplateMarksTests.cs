using System.Text;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Serilog;

namespace Gatewayz.Logging.Tests.Redaction;

/// <summary>
/// A secret split between the template and its argument: the literal text before the hole says what
/// the value is, so the value is filtered wherever it goes (the property in the event's contexts, the
/// breadcrumb's data, the Sentry Logs line's attributes and parameters, every text sink), even when the
/// value alone looks like nothing.
/// </summary>
[Collection(SentrySdkCollection.Name)]
public sealed class TemplateMarksTests
{
    /// <summary>
    /// Each value is one that a serialized envelope cannot hold by chance: no run of hex digits (event,
    /// trace and debug ids are hex), no word of a module name.
    /// </summary>
    public static TheoryData<string, string> Marked => new()
    {
        { "Connecting with password={P}", "hunter2" },
        { "Opening postgres://app:{Pw}@db.internal:5432/credits", "s3cret" },
        { "Upstream sent Authorization: Bearer {T}", "abq123" },
        { "Calling the provider using sk-or-v1-{K}", "Zq3c9a7d5b2e4c6a8f1d3b5e7a9c2d4f" },
        { "Retrying with token: {T}", "plainword" },
        { "Stripe: Basic {Credentials}", "YXBwOmh1bnRlcjI=" },
        { "Storage: DefaultEndpointsProtocol=https;AccountName=gz;AccountKey={Key}", "qwzx" },
        { "Header X-Api-Key: {Key} was refused", "kq-x1-plain" },
        { "Body {{\"password\": \"{Pw}\"}}", "letmein" },
    };

    [Theory]
    [MemberData(nameof(Marked))]
    public void A_value_the_template_marks_is_filtered_in_everything_Sentry_and_the_console_receive(string template, string value)
    {
        using var sentry = SentryCapture.Start();
        var console = new RenderingSink();
        var logger = sentry.CreateSerilogLogger(o => o.EnableLogs = true, c => c.WriteTo.GatewayzRedacted(wt => wt.Sink(console)));

#pragma warning disable CA2254 // The template is the point of the test.
        logger.Information(template, value);
        logger.Error(template, value);
#pragma warning restore CA2254
        sentry.Flush();

        var sent = Sent(sentry);
        Assert.Single(sentry.Events);
        Assert.NotEmpty(sentry.Transport.Logs);
        Assert.Contains("[Filtered]", sentry.Events[0].Formatted, StringComparison.Ordinal);
        Assert.DoesNotContain(value, sent, StringComparison.Ordinal);
        Assert.Equal(2, console.Rendered.Count);
        Assert.DoesNotContain(value, console.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Marked))]
    public void Without_the_enricher_the_sink_and_the_text_wrapper_still_filter_it(string template, string value)
    {
        using var sentry = SentryCapture.Start();
        var console = new RenderingSink();
        using var logger = new LoggerConfiguration()
            .WriteTo.GatewayzSentry(o =>
            {
                o.Hub = sentry.Hub;
                o.EnableLogs = true;
            })
            .WriteTo.GatewayzRedacted(wt => wt.Sink(console))
            .CreateLogger();

#pragma warning disable CA2254
        logger.Information(template, value);
        logger.Error(template, value);
#pragma warning restore CA2254
        sentry.Flush();

        Assert.Single(sentry.Events);
        Assert.DoesNotContain(value, Sent(sentry), StringComparison.Ordinal);
        Assert.Equal(2, console.Rendered.Count);
        Assert.DoesNotContain(value, console.Text, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Unmarked => new()
    {
        { "Request {Id} failed", "req-42" },
        { "Calling https://api.example.com:{Port}/v1", "8443" },
        { "{Name}: {Value}", "gpt-4o" },
        { "Model={Model} provider={Provider}", "openai/gpt-4o" },
        { "Sent {Count} tokens", "12345" },
        { "Bearer tokens for {Tenant} rotated", "acme" },
    };

    [Theory]
    [MemberData(nameof(Unmarked))]
    public void A_value_in_an_ordinary_place_stays(string template, string value)
    {
        using var sentry = SentryCapture.Start();
        var console = new RenderingSink();
        var logger = sentry.CreateSerilogLogger(configureLogger: c => c.WriteTo.GatewayzRedacted(wt => wt.Sink(console)));

#pragma warning disable CA2254
        logger.Error(template, value, value);
#pragma warning restore CA2254
        sentry.Flush();

        Assert.Contains(value, Assert.Single(sentry.Events).Formatted, StringComparison.Ordinal);
        Assert.Contains(value, console.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_marked_hole_of_a_template_is_filtered()
    {
        using var sentry = SentryCapture.Start();
        var logger = sentry.CreateSerilogLogger();

        logger.Error("User {User} signed in with password={Password} from {Region}", "jane", "hunter2", "eu-west");

        var logged = Assert.Single(sentry.Events);
        Assert.Equal("User jane signed in with password=[Filtered] from eu-west", logged.Formatted);
        Assert.Equal("[Filtered]", logged.Contexts["log"]["Password"]);
        Assert.Equal("jane", logged.Contexts["log"]["User"]);
    }

    static string Sent(SentryCapture sentry) => string.Join("\n", sentry.Envelopes.Select(e => Encoding.UTF8.GetString(e.Bytes)));
}
