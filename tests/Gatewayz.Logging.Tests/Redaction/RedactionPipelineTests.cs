using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;
using Sentry;
using Serilog;
using Serilog.Context;

namespace Gatewayz.Logging.Tests.Redaction;

/// <summary>Each rule in each place: what reaches Sentry and what reaches the console.</summary>
[Collection(SentrySdkCollection.Name)]
public sealed class RedactionPipelineTests
{
    const string OpenRouterKey = "sk-or-v1-0f3c9a7d5b2e4c6a8f1d3b5e7a9c2d4f6b8e0a1c3e5f7a9b";
    const string StripeKey = "sk_live_51HzQ2bKc8XyZ7wVuT6sR5qP4oN3m";

    sealed class Fixture : IDisposable
    {
        public Fixture(Action<GatewayzSentryOptions>? configure = null, bool sendDefaultPii = false)
        {
            Sentry = SentryCapture.Start(o => o.SendDefaultPii = sendDefaultPii);
            Logger = Sentry.CreateSerilogLogger(o =>
            {
                o.SendDefaultPii = sendDefaultPii;
                configure?.Invoke(o);
            }, c => c.WriteTo.GatewayzRedacted(wt => wt.Sink(Console), sendDefaultPii: sendDefaultPii));
        }

        public SentryCapture Sentry { get; }
        public RenderingSink Console { get; } = new();
        public Serilog.ILogger Logger { get; }
        public CapturedEvent Event => Sentry.Events.Single();
        public string Sent => Event.Json.GetRawText();
        public string Printed => Console.Text;

        public void Dispose() => Sentry.Dispose();
    }

    [Fact]
    public void A_message_parameter_is_redacted_in_Sentry_and_on_the_console()
    {
        using var f = new Fixture();

        f.Logger.Error("Calling OpenRouter with {credential}", OpenRouterKey);

        Assert.Equal("Calling OpenRouter with sk-or-v1[Filtered]", f.Event.Formatted);
        Assert.DoesNotContain(OpenRouterKey[..9], f.Sent, StringComparison.Ordinal);
        Assert.Contains("sk-or-v1[Filtered]", f.Printed, StringComparison.Ordinal);
        Assert.DoesNotContain(OpenRouterKey[..9], f.Printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_text_with_a_secret_in_it_is_redacted_in_Sentry_and_on_the_console()
    {
        using var f = new Fixture();

#pragma warning disable CA2254
        f.Logger.Error($"Stripe rejected key {StripeKey}");
#pragma warning restore CA2254

        Assert.Equal("Stripe rejected key sk_live_[Filtered]", f.Event.Message);
        Assert.Equal("Stripe rejected key sk_live_[Filtered]", f.Event.Formatted);
        Assert.Contains("Stripe rejected key sk_live_[Filtered]", f.Printed, StringComparison.Ordinal);
        Assert.DoesNotContain(StripeKey[..9], f.Printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_values_under_sensitive_keys_are_filtered_whatever_they_look_like()
    {
        using var f = new Fixture();
        var request = new
        {
            headers = new Dictionary<string, string> { ["X-Api-Key"] = "plainvalue123", ["Content-Type"] = "application/json" },
            body = new { model = "gpt-4o-mini", apiKey = "another-plain-value", items = new object[] { new { password = "hunter2hunter2" } } },
        };

        f.Logger.Error("Upstream rejected {@request}", request);

        var sent = f.Sent;
        foreach (var secret in new[] { "plainvalue123", "another-plain-value", "hunter2hunter2" })
        {
            Assert.DoesNotContain(secret, sent, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, f.Printed, StringComparison.Ordinal);
        }
        var context = f.Event.Contexts["log_request"];
        var headers = (IReadOnlyDictionary<string, object?>)context["headers"]!;
        Assert.Equal("[Filtered]", headers["X-Api-Key"]);
        Assert.Equal("application/json", headers["Content-Type"]);
        Assert.Equal("gpt-4o-mini", ((IReadOnlyDictionary<string, object?>)context["body"]!)["model"]);
    }

    [Theory]
    [InlineData("apiKey")]
    [InlineData("api-key")]
    [InlineData("API_KEY")]
    [InlineData("X-Api-Key")]
    [InlineData("client_secret")]
    [InlineData("refresh_token")]
    [InlineData("stripe_signature")]
    [InlineData("cvv")]
    [InlineData("connection_string")]
    [InlineData("db_password")]
    public void A_property_under_a_sensitive_key_is_filtered(string key)
    {
        using var f = new Fixture();

        using (LogContext.PushProperty(key, "looks-harmless-42"))
            f.Logger.Error("Failed");

        Assert.DoesNotContain("looks-harmless-42", f.Sent, StringComparison.Ordinal);
        Assert.DoesNotContain("looks-harmless-42", f.Printed, StringComparison.Ordinal);
        Assert.Equal("[Filtered]", f.Event.Contexts["log"][key]);
    }

    [Fact]
    public void Tags_and_breadcrumbs_are_redacted()
    {
        using var f = new Fixture();

        f.Logger.Information("Authorizing with {header}", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MjE3In0.c2lnbmF0dXJlc2lnbmF0dXJl");
        using (LogContext.PushProperty("provider", "openrouter " + OpenRouterKey))
            f.Logger.Error("Failed");

        var evt = f.Event;
        Assert.Equal("openrouter sk-or-v1[Filtered]", evt.Tags["provider"]);
        var crumb = evt.Breadcrumbs.Single();
        Assert.DoesNotContain("eyJzdWIi", crumb.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJzdWIi", crumb.Data["header"], StringComparison.Ordinal);
    }

    [Fact]
    public void Exception_messages_are_redacted_inner_ones_too_and_the_apps_exception_is_not_mutated()
    {
        using var f = new Fixture();
        var inner = Throw.Caught(() => new HttpRequestException($"GET https://api.provider.example/v1/models?api_key={StripeKey}&model=x failed"));
        var outer = Throw.Caught(() => new InvalidOperationException($"Provider call with Bearer {OpenRouterKey} failed", inner));
        var outerMessage = outer.Message;
        var innerMessage = inner.Message;

        f.Logger.Error(outer, "Request failed");

        var sent = f.Sent;
        Assert.DoesNotContain(OpenRouterKey[8..17], sent, StringComparison.Ordinal);
        Assert.DoesNotContain(StripeKey[..9], sent, StringComparison.Ordinal);
        Assert.Contains("api_key=sk_live_[Filtered]&model=x", f.Event.Exceptions[0].Value, StringComparison.Ordinal);
        Assert.DoesNotContain(StripeKey[..9], f.Printed, StringComparison.Ordinal);
        Assert.DoesNotContain(OpenRouterKey[8..17], f.Printed, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException", f.Printed, StringComparison.Ordinal);
        Assert.Contains("at Gatewayz.Logging.Tests.Support.Throw.Caught", f.Printed, StringComparison.Ordinal);

        Assert.Equal(outerMessage, outer.Message);
        Assert.Equal(innerMessage, inner.Message);
        Assert.Empty(outer.Data);
    }

    [Fact]
    public void Capture_helper_details_keep_only_a_key_prefix()
    {
        using var f = new Fixture();

        f.Logger.CaptureAuthError(new UnauthorizedAccessException("bad key"), "api_key_validation", details: new { presented = OpenRouterKey, api_key = "gw_live_4f8a2c91d7e3b6a0" });

        var auth = f.Event.Contexts["authentication"];
        Assert.Equal("sk-or-v1[Filtered]", auth["presented"]);
        Assert.Equal("[Filtered]", auth["api_key"]);
        Assert.DoesNotContain(OpenRouterKey[..9], f.Sent, StringComparison.Ordinal);
    }

    [Fact]
    public void Email_and_IP_addresses_are_masked_by_default_and_pass_with_SendDefaultPii()
    {
        using (var masked = new Fixture())
        {
            masked.Logger.Error("Login failed for {email} from {ip}", "jane.doe@example.com", "203.0.113.42");
            Assert.Equal("Login failed for [Filtered]@example.com from [Filtered]", masked.Event.Formatted);
            Assert.DoesNotContain("jane.doe", masked.Printed, StringComparison.Ordinal);
            Assert.DoesNotContain("203.0.113.42", masked.Printed, StringComparison.Ordinal);
        }

        using var open = new Fixture(sendDefaultPii: true);
        open.Logger.Error("Login failed for {email} from {ip}", "jane.doe@example.com", "203.0.113.42");
        Assert.Equal("Login failed for jane.doe@example.com from 203.0.113.42", open.Event.Formatted);
        Assert.Contains("jane.doe@example.com", open.Printed, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_list_can_be_extended_and_given_safe_exceptions_from_code()
    {
        using var f = new Fixture(o =>
        {
            o.SensitiveKeys.Add("tenant_salt");
            o.SafeKeys.Add("session");
        });

        using (LogContext.PushProperty("tenant_salt", "visible-salt"))
        using (LogContext.PushProperty("session", "abc-session"))
            f.Logger.Error("Failed");

        var log = f.Event.Contexts["log"];
        Assert.Equal("[Filtered]", log["tenant_salt"]);
        Assert.Equal("abc-session", log["session"]);
    }

    [Fact]
    public void The_key_list_can_be_extended_from_appsettings_json()
    {
        using var env = EnvironmentVariables.Clean();
        using var sentry = SentryCapture.Start();
        const string json = """
        { "Serilog": { "Using": ["Gatewayz.Logging"], "Enrich": [ "FromLogContext", { "Name": "WithGatewayzContext", "Args": { "sensitiveKeys": ["tenant_salt"], "safeKeys": ["session"] } } ],
          "WriteTo": [ { "Name": "GatewayzSentry", "Args": { "sensitiveKeys": ["tenant_salt"], "safeKeys": ["session"] } } ] } }
        """;
        var console = new CollectingSink();
        using (var logger = new LoggerConfiguration().ReadFrom.Configuration(AppSettings.FromJson(json)).WriteTo.Sink(console).CreateLogger())
        using (LogContext.PushProperty("tenant_salt", "visible-salt"))
        using (LogContext.PushProperty("session", "abc-session"))
            logger.Error("Failed");

        var log = sentry.Events.Single().Contexts["log"];
        Assert.Equal("[Filtered]", log["tenant_salt"]);
        Assert.Equal("abc-session", log["session"]);
        Assert.Equal("\"[Filtered]\"", console.Events.Single().Properties["tenant_salt"].ToString());
    }

    [Fact]
    public void Events_the_library_did_not_build_are_redacted_when_Sentry_was_initialised_elsewhere()
    {
        using var sentry = SentryCapture.Start();
        using (sentry.CreateSerilogLogger() as IDisposable)
        {
            // The app, or another integration, captures directly on the SDK.
            SentrySdk.AddBreadcrumb($"GET https://api.example.com/v1/x?token={StripeKey}");
            SentrySdk.ConfigureScope(s => s.SetTag("auth", "Bearer " + OpenRouterKey));
            SentrySdk.CaptureException(Throw.Caught(() => new InvalidOperationException("Key " + OpenRouterKey + " was revoked")));
            SentrySdk.CaptureMessage("Connection string Host=db;Password=Sup3rS3cret!;Database=x");
        }

        var sent = string.Join("\n", sentry.Events.Select(e => e.Json.GetRawText()));
        Assert.Equal(2, sentry.Events.Count);
        Assert.DoesNotContain(OpenRouterKey[..9], sent, StringComparison.Ordinal);
        Assert.DoesNotContain(StripeKey[..9], sent, StringComparison.Ordinal);
        Assert.DoesNotContain("Sup3rS3cret!", sent, StringComparison.Ordinal);
    }

    [Fact]
    public void AddGatewayzRedaction_covers_an_sdk_initialised_by_another_integration_before_any_sink()
    {
        using var sentry = SentryCapture.Start(o => o.AddGatewayzRedaction());

        SentrySdk.CaptureException(Throw.Caught(() => new InvalidOperationException("Key " + OpenRouterKey + " was revoked")));

        var value = sentry.Events.Single().Exception!.Value;
        Assert.Equal("Key sk-or-v1[Filtered] was revoked", value);
    }

    [Fact]
    public void AddGatewayzRedaction_masks_a_context_dictionary_entry_and_keeps_the_entries_around_it()
    {
        using var sentry = SentryCapture.Start(o => o.AddGatewayzRedaction());

        SentrySdk.CaptureMessage("Upstream rejected the key", scope => scope.Contexts["upstream"] = new Dictionary<string, object?>
        {
            ["route"] = "/v1/chat/completions",
            ["status"] = 401,
            ["api_key"] = "gw_live_4f8a2c91d7e3b6a0",
            ["headers"] = new Dictionary<string, object?> { ["accept"] = "application/json", ["authorization"] = "Bearer " + OpenRouterKey },
            ["model"] = "openai/gpt-4o-mini",
        });

        var upstream = sentry.Events.Single().Contexts["upstream"];
        Assert.Equal(["route", "status", "api_key", "headers", "model"], upstream.Keys);
        Assert.Equal("/v1/chat/completions", upstream["route"]);
        Assert.Equal(401L, upstream["status"]);
        Assert.Equal("[Filtered]", upstream["api_key"]);
        var headers = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(upstream["headers"]);
        Assert.Equal("application/json", headers["accept"]);
        Assert.Equal("[Filtered]", headers["authorization"]);
        Assert.Equal("openai/gpt-4o-mini", upstream["model"]);
    }

    [Fact]
    public void The_hosting_one_liner_redacts_the_console_by_default()
    {
        using var env = EnvironmentVariables.Clean();
        using var stdout = new StandardOutput();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new Microsoft.Extensions.Hosting.HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddGatewayzLogging();
        using (var host = builder.Build())
        {
            var logger = host.Services.GetService(typeof(ILogger<RedactionPipelineTests>)) as ILogger<RedactionPipelineTests>;
            logger!.LogError(Throw.Caught(() => new InvalidOperationException("Bearer " + OpenRouterKey)), "Upstream key {key} rejected", StripeKey);
        }

        Assert.Contains("Upstream key sk_live_[Filtered] rejected", stdout.Text, StringComparison.Ordinal);
        Assert.Contains("Bearer sk-or-v1[Filtered]", stdout.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(StripeKey[..9], stdout.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(OpenRouterKey[..9], stdout.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Order ord_20261124_000123 for 1204.50")]
    [InlineData("Order 1234567890123 shipped")]
    [InlineData("Request 5f0c1d6e-2b1a-4c1e-9c0a-7d2f3e4b5a69 routed")]
    [InlineData("Model gpt-4o-mini via anthropic/claude-3.5-sonnet and meta-llama/llama-3.1-70b-instruct")]
    [InlineData("At 2026-11-24T09:30:00.000Z charged $20.00 (2000 credits)")]
    [InlineData("https://openrouter.ai/api/v1/chat/completions?model=openai/gpt-4o")]
    [InlineData("password reset email sent")]
    public void Ordinary_values_pass_untouched(string text)
    {
        using var f = new Fixture();

        f.Logger.Error("{detail}", text);

        Assert.Equal(text, f.Event.Formatted);
        Assert.Equal(text, f.Event.Contexts["log"]["detail"]);
        Assert.Contains(text, f.Printed, StringComparison.Ordinal);
    }
}
