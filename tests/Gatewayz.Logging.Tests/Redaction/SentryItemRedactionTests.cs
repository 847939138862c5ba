using System.Text;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Sentry;
using Serilog;

namespace Gatewayz.Logging.Tests.Redaction;

/// <summary>
/// What other code puts on Sentry's items, read from the envelopes the SDK would send with the
/// library's redaction on its options: objects in contexts, extras and an exception's <c>Data</c> are
/// scanned like dictionaries, bounded and never throwing; the user's personal data goes with
/// <c>SendDefaultPii</c> off, whoever set it; transactions are redacted like events.
/// </summary>
[Collection(SentrySdkCollection.Name)]
public sealed class SentryItemRedactionTests
{
    const string Password = "hunter2-Correct-Horse";
    const string Token = "plain-token-value-1234";
    const string ProviderKey = "sk-or-v1-0f3c9a7d5b2e4c6a8f1d3b5e7a9c2d4f6b8e0a1c3e5f7a9b";

    sealed class UpstreamCall
    {
        public string Model { get; init; } = "openai/gpt-4o";
        public string? ApiKey { get; init; }
        public Credentials? Login { get; init; }
        public string Note { get; init; } = "";
    }

    sealed class Credentials
    {
        public string User { get; init; } = "gateway";
        public string? Password { get; init; }
    }

    sealed class Node
    {
        public Node? Next { get; set; }
        public string Name { get; init; } = "node";
    }

    sealed class Throwing
    {
        public string Fine => "kept";
        public string Broken => throw new InvalidOperationException("getter fails");
    }

    [Fact]
    public void Anonymous_objects_and_plain_classes_in_contexts_extras_and_exception_data_are_scanned()
    {
        using var sentry = SentryCapture.Start(o => o.AddGatewayzRedaction());
        var exception = new InvalidOperationException("upstream refused");
        exception.Data["call"] = new UpstreamCall { ApiKey = Token, Login = new Credentials { Password = Password } };

        SentrySdk.CaptureException(exception, scope =>
        {
            scope.Contexts["upstream"] = new { model = "openai/gpt-4o", api_key = Token, headers = new { Authorization = "Bearer " + Token } };
            scope.SetExtra("call", new UpstreamCall { ApiKey = Token, Note = "used " + ProviderKey, Login = new Credentials { Password = Password } });
        });
        sentry.Flush();

        var sent = Sent(sentry);
        Assert.Single(sentry.Events);
        foreach (var secret in new[] { Password, Token, ProviderKey })
            Assert.DoesNotContain(secret, sent, StringComparison.Ordinal);
        // What is no secret stays, in the object's own shape.
        Assert.Contains("openai/gpt-4o", sent, StringComparison.Ordinal);
        Assert.Contains("gateway", sent, StringComparison.Ordinal);
        Assert.Contains("[Filtered]", sent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_a_deep_chain_a_huge_object_and_a_throwing_getter_are_bounded_and_never_throw()
    {
        using var sentry = SentryCapture.Start(o => o.AddGatewayzRedaction());
        var cycle = new Node { Name = "first" };
        cycle.Next = new Node { Name = "second", Next = cycle };
        var deep = new Node();
        for (var i = 0; i < 50; i++)
            deep = new Node { Next = deep, Name = "password=" + Password };
        var huge = Enumerable.Range(0, 10_000).ToDictionary(i => $"k{i}", i => (object)$"v{i}");

        SentrySdk.CaptureMessage("objects of every size", scope =>
        {
            scope.SetExtra("cycle", cycle);
            scope.SetExtra("deep", deep);
            scope.SetExtra("huge", huge);
            scope.SetExtra("throwing", new Throwing());
        });
        sentry.Flush();

        var sent = Sent(sentry);
        Assert.Single(sentry.Events);
        Assert.DoesNotContain(Password, sent, StringComparison.Ordinal);
        Assert.Contains("kept", sent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void With_SendDefaultPii_off_the_users_email_address_and_other_values_go_whoever_set_them(bool sendDefaultPii)
    {
        using var sentry = SentryCapture.Start(o =>
        {
            o.SendDefaultPii = sendDefaultPii;
            o.AddGatewayzRedaction();
        });

        SentrySdk.CaptureMessage("signed in", scope =>
            scope.User = new SentryUser { Id = "user-42", Email = "jane.doe@example.com", IpAddress = "203.0.113.77", Other = { ["phone"] = "+1-202-555-0143" } });
        sentry.Flush();

        var user = Assert.Single(sentry.Events).Json.GetProperty("user");
        Assert.Equal("user-42", user.GetProperty("id").GetString());
        var phone = user.GetProperty("other").GetProperty("phone").GetString();
        if (sendDefaultPii)
        {
            Assert.Equal("jane.doe@example.com", user.GetProperty("email").GetString());
            Assert.Equal("203.0.113.77", user.GetProperty("ip_address").GetString());
            Assert.Equal("+1-202-555-0143", phone);
        }
        else
        {
            Assert.Equal("[Filtered]@example.com", user.GetProperty("email").GetString());
            Assert.False(user.TryGetProperty("ip_address", out _));
            Assert.Equal("[Filtered]", phone);
            var sent = Sent(sentry);
            Assert.DoesNotContain("jane.doe", sent, StringComparison.Ordinal);
            Assert.DoesNotContain("203.0.113.77", sent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_transaction_is_redacted_like_an_event()
    {
        using var sentry = SentryCapture.Start(o =>
        {
            o.TracesSampleRate = 1.0;
            o.AddGatewayzRedaction();
        });

        var transaction = SentrySdk.StartTransaction("POST /checkout", "http.server");
        transaction.SetTag("api_key", Token);
        transaction.SetExtra("call", new UpstreamCall { ApiKey = Token });
        transaction.Description = "checkout with password=" + Password;
        SentrySdk.ConfigureScope(scope =>
        {
            scope.Transaction = transaction;
            scope.User = new SentryUser { Id = "user-42", Email = "jane.doe@example.com" };
            scope.Request.QueryString = "api_key=" + Token + "&model=gpt-4o";
            scope.Request.Headers["X-Api-Key"] = Token;
        });
        SentrySdk.AddBreadcrumb("GET https://api.example.com/v1/models?api_key=" + Token, "http");
        var span = transaction.StartChild("http.client", "GET https://api.example.com/v1/models?api_key=" + Token);
        span.SetTag("authorization", "Bearer " + Token);
        span.SetExtra("url", "https://app:" + Password + "@api.example.com/v1");
        span.Finish();
        transaction.Finish();
        sentry.Flush();

        var sent = Sent(sentry);
        Assert.Contains(sentry.Envelopes.SelectMany(e => e.Items), i => i.Type == "transaction");
        Assert.DoesNotContain(Token, sent, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, sent, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe", sent, StringComparison.Ordinal);
        Assert.Contains("model=gpt-4o", sent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_console_app_with_SentrySdk_Init_is_masked_from_the_sink_s_creation_before_its_first_log_event()
    {
        using var sentry = SentryCapture.Start();
        using var logger = new LoggerConfiguration().WriteTo.GatewayzSentry().CreateLogger();

        SentrySdk.CaptureException(new InvalidOperationException($"upstream rejected {ProviderKey} with password={Password}"));
        SentrySdk.CaptureMessage("retrying with token=" + Token);
        sentry.Flush();

        Assert.Equal(2, sentry.Events.Count);
        var sent = Sent(sentry);
        foreach (var secret in new[] { Password, Token, ProviderKey })
            Assert.DoesNotContain(secret, sent, StringComparison.Ordinal);
    }

    static string Sent(SentryCapture sentry) => string.Join("\n", sentry.Envelopes.Select(e => Encoding.UTF8.GetString(e.Bytes)));
}
