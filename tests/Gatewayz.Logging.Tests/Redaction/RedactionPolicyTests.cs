using System.Text;
using Gatewayz.Logging.Configuration;
using Gatewayz.Logging.Redaction;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Context;

namespace Gatewayz.Logging.Tests.Redaction;

/// <summary>
/// One policy per logger: keys and PII given in one place of the configuration reach every redactor
/// of that logger (the enricher, the text-sink wrapper, the Sentry sink), whatever the place; what
/// the console prints and what Sentry receives are both checked.
/// </summary>
[Collection(SentrySdkCollection.Name)]
public sealed class RedactionPolicyTests
{
    const string Salt = "pepper-and-salt-42";
    const string Email = "jane.doe@example.com";

    sealed class CheckoutService;

    static IConfiguration Settings(params string[] jsons)
    {
        var builder = new ConfigurationBuilder();
        foreach (var json in jsons)
            builder.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        return builder.Build();
    }

    static string ReadmeSerilogSection() =>
        Repository.FencedBlockAfter(Repository.ReadAllText("README.md"), "<!-- appsettings-example", "json");

    static string AllSent(IEnumerable<CapturedEvent> events) => string.Join("\n", events.Select(e => e.Json.GetRawText()));

    /// <summary>Builds a logger from <paramref name="configuration"/> alone, logs, and returns what the console printed and Sentry received.</summary>
    static (string Printed, IReadOnlyList<CapturedEvent> Sent) Run(IConfiguration configuration, Action<Serilog.ILogger> log)
    {
        using var env = EnvironmentVariables.Clean();
        using var stdout = new StandardOutput();
        using var sentry = SentryCapture.Start();
        using (var logger = new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger())
            log(logger);
        return (stdout.Text, sentry.Events);
    }

    [Fact]
    public void Keys_in_the_Sentry_section_reach_the_enricher_and_the_Sentry_sink_of_the_READMEs_Serilog_section()
    {
        var configuration = Settings(ReadmeSerilogSection(), """{ "Sentry": { "SensitiveKeys": ["tenant_salt"] } }""");

        var (printed, sent) = Run(configuration, logger =>
        {
            logger.Error("Hashing with {tenant_salt} failed", Salt);
            using (LogContext.PushProperty("tenant_salt", Salt))
                logger.Error("Hashing failed");
        });

        Assert.Contains("Hashing with [Filtered] failed", printed, StringComparison.Ordinal);
        Assert.DoesNotContain(Salt, printed, StringComparison.Ordinal);
        Assert.Equal(2, sent.Count);
        Assert.DoesNotContain(Salt, AllSent(sent), StringComparison.Ordinal);
        Assert.Equal("Hashing with [Filtered] failed", sent[0].Formatted);
        Assert.Equal("[Filtered]", sent[1].Contexts["log"]["tenant_salt"]);
    }

    [Fact]
    public async Task AddGatewayzLogging_with_the_READMEs_section_applies_the_Sentry_sections_keys_everywhere_and_sends_the_apps_exception()
    {
        using var env = EnvironmentVariables.Clean();
        using var stdout = new StandardOutput();
        using var sentry = SentryCapture.Start();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
        builder.Configuration.AddConfiguration(Settings(ReadmeSerilogSection(), """{ "Sentry": { "SensitiveKeys": ["tenant_salt"] } }"""));
        builder.AddGatewayzLogging();

        using (var host = builder.Build())
        {
            await host.StartAsync();
            var logger = host.Services.GetRequiredService<ILogger<CheckoutService>>();
            logger.LogError("Hashing with {tenant_salt} failed", Salt);
            // Behind the wrapper the one-liner puts around the section's sinks, the Sentry sink among them.
            logger.LogError(ReceiptFailure(), "Checkout failed");
            await host.StopAsync();
        }

        Assert.Contains("Hashing with [Filtered] failed", stdout.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Salt, stdout.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe", stdout.Text, StringComparison.Ordinal);
        Assert.Equal(2, sentry.Events.Count);
        Assert.DoesNotContain(Salt, AllSent(sentry.Events), StringComparison.Ordinal);
        AssertSentAsTheAppsException(sentry.Events[1]);
    }

    [Fact]
    public void Keys_given_only_to_the_Sentry_sink_reach_the_enricher_and_so_the_console()
    {
        var configuration = Settings("""
        { "Serilog": { "Using": ["Gatewayz.Logging"], "Enrich": ["FromLogContext", "WithGatewayzContext"],
          "WriteTo": [ { "Name": "Console" }, { "Name": "GatewayzSentry", "Args": { "sensitiveKeys": ["tenant_salt"] } } ] } }
        """);

        var (printed, sent) = Run(configuration, logger => logger.Error("Hashing with {tenant_salt} failed", Salt));

        Assert.Contains("Hashing with [Filtered] failed", printed, StringComparison.Ordinal);
        Assert.DoesNotContain(Salt, printed, StringComparison.Ordinal);
        Assert.Equal("Hashing with [Filtered] failed", sent.Single().Formatted);
    }

    static readonly string[] PlaceNames =
    [
        "Sentry section", "GatewayzSentry", "WithGatewayzContext", "GatewayzRedacted",
        "GatewayzSentry in WriteTo.Async", "GatewayzSentry in a sub-logger",
    ];

    public static TheoryData<string> Places => new(PlaceNames);

    /// <summary>A section with a console and a Sentry sink, and <paramref name="key"/> listed as sensitive in one place only.</summary>
    static string SettingsWithKeyIn(string place, string key)
    {
        var keys = $$"""{ "sensitiveKeys": ["{{key}}"] }""";
        var enricher = place == "WithGatewayzContext" ? $$"""{ "Name": "WithGatewayzContext", "Args": {{keys}} }""" : "\"WithGatewayzContext\"";
        var console = place == "GatewayzRedacted"
            ? $$"""{ "Name": "GatewayzRedacted", "Args": { "sensitiveKeys": ["{{key}}"], "configure": [ { "Name": "Console" } ] } }"""
            : """{ "Name": "Console" }""";
        var sentrySink = place.StartsWith("GatewayzSentry", StringComparison.Ordinal)
            ? $$"""{ "Name": "GatewayzSentry", "Args": {{keys}} }"""
            : """{ "Name": "GatewayzSentry", "Args": { "minimumBreadcrumbLevel": "Information" } }""";
        var sentryEntry = place switch
        {
            "GatewayzSentry in WriteTo.Async" => $$"""{ "Name": "Async", "Args": { "configure": [ {{sentrySink}} ] } }""",
            "GatewayzSentry in a sub-logger" => $$"""{ "Name": "Logger", "Args": { "configureLogger": { "WriteTo": [ {{sentrySink}} ] } } }""",
            _ => sentrySink,
        };
        var sentrySection = place == "Sentry section" ? $$""", "Sentry": { "SensitiveKeys": ["{{key}}"] }""" : "";
        return $$"""
        { "Serilog": { "Using": ["Gatewayz.Logging"], "Enrich": ["FromLogContext", {{enricher}}],
          "WriteTo": [ {{console}}, {{sentryEntry}} ] }{{sentrySection}} }
        """;
    }

    [Theory]
    [MemberData(nameof(Places))]
    public void A_key_given_in_one_place_is_filtered_on_the_console_and_in_Sentry(string place)
    {
        var (printed, sent) = Run(Settings(SettingsWithKeyIn(place, "tenant_salt")), logger => logger.Error("Hashing with {tenant_salt} failed", Salt));

        Assert.Contains("Hashing with [Filtered] failed", printed, StringComparison.Ordinal);
        Assert.DoesNotContain(Salt, printed, StringComparison.Ordinal);
        Assert.Equal("Hashing with [Filtered] failed", sent.Single().Formatted);
    }

    [Fact]
    public void Random_key_names_given_in_one_random_place_and_logged_in_another_spelling_are_filtered_everywhere()
    {
        const int Cases = 30;
        var seed = Environment.TickCount;
        var random = new Random(seed);
        string[] words = ["tenant", "salt", "ledger", "pin", "seed", "vault", "nonce", "hash", "shard", "code"];
        string[] separators = ["_", "-", ".", " ", ""];
        var values = new List<(string Value, string Case)>();
        using var env = EnvironmentVariables.Clean();
        using var stdout = new StandardOutput();
        using var sentry = SentryCapture.Start();

        for (var i = 0; i < Cases; i++)
        {
            var parts = Enumerable.Range(0, random.Next(1, 4)).Select(_ => words[random.Next(words.Length)]).ToArray();
            // Configured in one spelling, logged in another: keys are compared normalized.
            var separator = separators[random.Next(separators.Length)];
            var configured = string.Join(separator, parts.Select(p => random.Next(2) == 0 ? p.ToUpperInvariant() : p));
            var logged = string.Concat(parts.Select((p, n) => n == 0 ? p : "_" + char.ToUpperInvariant(p[0]) + p[1..])) + "_" + i;
            configured += separator + i;
            var value = "v" + string.Concat(Enumerable.Range(0, 12).Select(_ => (char)('a' + random.Next(26))));
            var place = PlaceNames[random.Next(PlaceNames.Length)];
            values.Add((value, $"seed {seed}, case {i}: '{configured}' in {place}, logged as {logged}"));

            using var logger = new LoggerConfiguration().ReadFrom.Configuration(Settings(SettingsWithKeyIn(place, configured))).CreateLogger();
            logger.Error("Hashing with {" + logged + "} failed", value);
        }

        var sent = AllSent(sentry.Events);
        Assert.Equal(Cases, sentry.Events.Count);
        foreach (var (value, description) in values)
        {
            Assert.False(stdout.Text.Contains(value, StringComparison.Ordinal), "Printed: " + description);
            Assert.False(sent.Contains(value, StringComparison.Ordinal), "Sent: " + description);
        }
    }

    [Fact]
    public void Safe_keys_in_the_Sentry_section_reach_the_enricher()
    {
        var configuration = Settings(ReadmeSerilogSection(), """{ "Sentry": { "SafeKeys": ["session"] } }""");

        var (printed, sent) = Run(configuration, logger => logger.Error("Session {session} expired", "sess-4217"));

        Assert.Contains("Session sess-4217 expired", printed, StringComparison.Ordinal);
        Assert.Equal("Session sess-4217 expired", sent.Single().Formatted);
    }

    [Fact]
    public void SendDefaultPii_in_the_Sentry_section_lets_personal_data_through_the_whole_logger()
    {
        var configuration = Settings(ReadmeSerilogSection(), """{ "Sentry": { "SendDefaultPii": true } }""");

        var (printed, sent) = Run(configuration, logger => logger.Error("Receipt for {email} failed", Email));

        Assert.Contains($"Receipt for {Email} failed", printed, StringComparison.Ordinal);
        Assert.Equal($"Receipt for {Email} failed", sent.Single().Formatted);
    }

    [Fact]
    public void An_enrichers_own_SendDefaultPii_loosens_only_the_enricher()
    {
        var configuration = Settings("""
        { "Serilog": { "Using": ["Gatewayz.Logging"], "Enrich": ["FromLogContext", { "Name": "WithGatewayzContext", "Args": { "sendDefaultPii": true } }],
          "WriteTo": [ { "Name": "Console" }, { "Name": "GatewayzSentry" } ] } }
        """);

        var (printed, sent) = Run(configuration, logger => logger.Error("Receipt for {email} failed", Email));

        Assert.Contains($"Receipt for {Email} failed", printed, StringComparison.Ordinal);
        Assert.Equal("Receipt for [Filtered]@example.com failed", sent.Single().Formatted);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Two_wrappers_with_different_rules_never_share_a_verdict_on_a_template(bool strictFirst)
    {
        var strict = new RenderingSink();
        var loose = new RenderingSink();
        var configuration = new LoggerConfiguration();
        void Strict() => configuration.WriteTo.GatewayzRedacted(wt => wt.Sink(strict));
        void Loose() => configuration.WriteTo.GatewayzRedacted(wt => wt.Sink(loose), sendDefaultPii: true);
        if (strictFirst)
        {
            Strict();
            Loose();
        }
        else
        {
            Loose();
            Strict();
        }

        using (var logger = configuration.CreateLogger())
        {
            logger.Information("Receipt sent to " + Email);
            logger.Information("Receipt sent to " + Email);
        }

        AssertRenderedTwice(strict, "Receipt sent to [Filtered]@example.com");
        AssertRenderedTwice(loose, "Receipt sent to " + Email);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Two_wrappers_with_different_rules_in_one_configuration_never_share_a_verdict_on_a_template(bool strictFirst)
    {
        NamedSinks.Reset();
        var strict = $$"""{ "Name": "GatewayzRedacted", "Args": { "configure": [ { "Name": "Sink", "Args": { "sink": "{{NamedSinks.FirstReference}}" } } ] } }""";
        var loose = $$"""{ "Name": "GatewayzRedacted", "Args": { "sendDefaultPii": true, "configure": [ { "Name": "Sink", "Args": { "sink": "{{NamedSinks.SecondReference}}" } } ] } }""";
        var configuration = Settings($$"""
        { "Serilog": { "Using": ["Gatewayz.Logging"], "MinimumLevel": "Verbose", "WriteTo": [ {{(strictFirst ? strict : loose)}}, {{(strictFirst ? loose : strict)}} ] } }
        """);

        using (var logger = new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger())
        {
            logger.Information("Receipt sent to " + Email);
            logger.Information("Receipt sent to " + Email);
        }

        AssertRenderedTwice(NamedSinks.First, "Receipt sent to [Filtered]@example.com");
        AssertRenderedTwice(NamedSinks.Second, "Receipt sent to " + Email);
    }

    static void AssertRenderedTwice(RenderingSink sink, string expected)
    {
        Assert.Equal(2, sink.Rendered.Count);
        Assert.All(sink.Rendered, r => Assert.Contains(expected, r.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void A_component_built_from_configuration_adds_its_own_keys_to_the_rules_the_configuration_holds()
    {
        var configuration = Settings("""{ "Sentry": { "SensitiveKeys": ["tenant_salt"] } }""");

        var plain = ConfiguredRedaction.For(configuration, null, null, sendDefaultPii: false);
        var own = ConfiguredRedaction.For(configuration, ["ledger_pin"], null, sendDefaultPii: false);
        var inCode = ConfiguredRedaction.For(null, ["ledger_pin"], null, sendDefaultPii: false);

        Assert.True(plain.IsSensitiveKey("tenantSalt"));
        Assert.False(plain.IsSensitiveKey("ledgerPin"));
        Assert.True(own.IsSensitiveKey("tenantSalt"));
        Assert.True(own.IsSensitiveKey("ledgerPin"));
        Assert.False(inCode.IsSensitiveKey("tenantSalt"));
        Assert.True(inCode.IsSensitiveKey("ledgerPin"));
    }

    [Fact]
    public void A_Sentry_sink_behind_a_redaction_wrapper_sends_the_apps_exception_and_masks_it_itself()
    {
        using var sentry = SentryCapture.Start();
        var console = new RenderingSink();

        using (var logger = new LoggerConfiguration()
            .WriteTo.GatewayzRedacted(wt =>
            {
                wt.Sink(console);
                wt.GatewayzSentry(o => o.Hub = sentry.Hub);
            })
            .CreateLogger())
        {
            logger.Error(ReceiptFailure(), "Checkout failed");
        }

        AssertSentAsTheAppsException(sentry.Events.Single());
        Assert.Contains("[Filtered]@example.com", console.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe", console.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("abc123def456", console.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Sentry_sink_inside_a_wrappers_configure_in_json_sends_the_apps_exception()
    {
        var configuration = Settings("""
        { "Serilog": { "Using": ["Gatewayz.Logging"], "Enrich": ["FromLogContext", "WithGatewayzContext"],
          "WriteTo": [ { "Name": "GatewayzRedacted", "Args": { "configure": [ { "Name": "GatewayzSentry" } ] } } ] } }
        """);

        var (_, sent) = Run(configuration, logger => logger.Error(ReceiptFailure(), "Checkout failed"));

        AssertSentAsTheAppsException(sent.Single());
    }

    /// <summary>A thrown exception with personal data and credentials in its messages and Data, and an inner exception.</summary>
    static Exception ReceiptFailure()
    {
        var inner = Throw.Caught(() => new HttpRequestException("GET https://mail.example/v1/send?token=abc123def456ghi789 returned 401"));
        var outer = Throw.Caught(() => new InvalidOperationException($"The receipt for {Email} could not be sent", inner));
        outer.Data["attempt"] = 2;
        outer.Data["api_key"] = "plain-api-key-value";
        inner.Data["request"] = "https://mail.example/v1/send?token=abc123def456ghi789";
        return outer;
    }

    static void AssertSentAsTheAppsException(CapturedEvent sent)
    {
        var json = sent.Json.GetRawText();
        Assert.DoesNotContain(nameof(RedactedException), json, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe", json, StringComparison.Ordinal);
        Assert.DoesNotContain("abc123def456", json, StringComparison.Ordinal);
        Assert.DoesNotContain("plain-api-key-value", json, StringComparison.Ordinal);

        Assert.Equal(2, sent.Exceptions.Count);
        var (inner, outer) = (sent.Exceptions[0], sent.Exceptions[1]);
        Assert.Equal("System.InvalidOperationException", outer.Type);
        Assert.Equal("System.Net.Http.HttpRequestException", inner.Type);
        Assert.True(outer.FrameCount > 0, "the outer exception has its stack frames");
        Assert.True(inner.FrameCount > 0, "the inner exception has its stack frames");
        Assert.Equal("The receipt for [Filtered]@example.com could not be sent", outer.Value);
        Assert.Contains("?token=", inner.Value, StringComparison.Ordinal);

        var data = sent.Json.GetProperty("exception").GetProperty("values")[1].GetProperty("mechanism").GetProperty("data");
        Assert.Equal(2, data.GetProperty("attempt").GetInt32());
        Assert.Equal("[Filtered]", data.GetProperty("api_key").GetString());
    }
}
