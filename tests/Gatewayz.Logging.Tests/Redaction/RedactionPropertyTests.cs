using System.Text;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Sentry;
using Serilog;
using Serilog.Context;

namespace Gatewayz.Logging.Tests.Redaction;

/// <summary>
/// Random secrets of every kind, placed at random (message parameter, nested property, tag, context,
/// breadcrumb, exception message, inner exception, template text, by key) under random key names:
/// no 9-character piece of any of them reaches the serialized envelope or the console.
/// </summary>
[Collection(SentrySdkCollection.Name)]
public sealed class RedactionPropertyTests
{
    const int Cases = 10_000;
    static readonly string[] Places = ["parameter", "nested", "tag", "context", "breadcrumb", "exception", "inner-exception", "template", "by-key"];

    [Fact]
    public async Task No_piece_of_a_secret_leaves_the_process_over_ten_thousand_random_cases()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var secrets = new LoggedSecrets(random);
        using var sentry = SentryCapture.Start();
        var console = new RenderingSink();
        var logger = sentry.CreateSerilogLogger(o =>
        {
            o.MaxQueueItems = Cases;
            o.StormControl.Enabled = false;
        }, c => c.WriteTo.GatewayzRedacted(wt => wt.Sink(console)));

        var cases = new List<(LoggedSecrets.Secret Secret, string Place)>(Cases);
        for (var i = 0; i < Cases; i++)
        {
            var secret = secrets.Next();
            var place = Places[random.Next(Places.Length)];
            cases.Add((secret, place));
            var text = $"{secrets.Words()} {secret.Logged} {secrets.Words()}".Trim();
            var key = secrets.KeyName();

            using (SentrySdk.PushScope())
            using (LogContext.PushProperty("case", i))
            {
                switch (place)
                {
                    case "parameter":
                        logger.Error("Upstream said {" + SafeName(key) + "}", text);
                        break;
                    case "nested":
                        logger.Error("Request failed {@request}", new { headers = new Dictionary<string, object> { [key] = text }, items = new[] { text } });
                        break;
                    case "tag":
                        using (LogContext.PushProperty("provider", text))
                            logger.Error("Provider failed");
                        break;
                    case "context":
                        using (ErrorContext.Push("upstream", new Dictionary<string, object?> { [key] = text, ["nested"] = new { value = text } }))
                            logger.Error("Call failed");
                        break;
                    case "breadcrumb":
                        logger.Information("Calling with {" + SafeName(key) + "}", text);
                        logger.Error("Then it failed");
                        break;
                    case "exception":
                        logger.Error(Throw.Caught(() => new InvalidOperationException(text)), "Failed");
                        break;
                    case "inner-exception":
                        logger.Error(Throw.Caught(() => new InvalidOperationException("outer", Throw.Caught(() => new HttpRequestException(text)))), "Failed");
                        break;
                    case "template":
#pragma warning disable CA2254 // The point: an interpolated template, as careless code writes it.
                        logger.Error($"Interpolated {text} into the template");
#pragma warning restore CA2254
                        break;
                    case "by-key":
                        // The bare value, with nothing to recognise it by but its key.
                        var sensitiveKey = secrets.SensitiveKeyName();
                        using (LogContext.PushProperty(sensitiveKey, secret.Sensitive))
                        using (ErrorContext.Push("request", new Dictionary<string, object?> { [sensitiveKey] = secret.Sensitive, ["headers"] = new Dictionary<string, string> { [sensitiveKey] = secret.Sensitive } }))
                            logger.Error("Keyed value");
                        break;
                }
            }
        }

        // Ten thousand events take a while on a loaded machine: wait for every one (a liveness bound,
        // not a timing), longer than the capture's own flush would.
        Assert.True(await GatewayzSentry.FlushAsync(TimeSpan.FromMinutes(2)), "the events were not all handed to the SDK within two minutes");

        // What Sentry would receive, and what the console would print, per case.
        var sent = new Dictionary<long, string>();
        foreach (var item in sentry.Envelopes.SelectMany(e => e.Items).Where(i => i.Type == "event"))
        {
            var json = Encoding.UTF8.GetString(item.Payload);
            var evt = System.Text.Json.JsonDocument.Parse(json).RootElement;
            sent[evt.GetProperty("contexts").GetProperty("log").GetProperty("case").GetInt64()] = json;
        }
        Assert.Equal(Cases, sent.Count);
        var printed = console.Rendered
            .GroupBy(r => long.Parse(r.Event.Properties["case"].ToString(), System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => string.Concat(g.Select(r => r.Text)));

        var leaks = new List<string>();
        for (var i = 0; i < Cases && leaks.Count < 5; i++)
        {
            var (secret, place) = cases[i];
            if (LeakedPiece(secret.Sensitive, sent[i]) is { } piece)
                leaks.Add($"case {i} ({secret.Kind} as {place}): '{piece}' of '{secret.Sensitive}' reached Sentry");
            if (LeakedPiece(secret.Sensitive, printed[i]) is { } printedPiece)
                leaks.Add($"case {i} ({secret.Kind} as {place}): '{printedPiece}' of '{secret.Sensitive}' reached the console");
        }
        Assert.True(leaks.Count == 0, $"seed {seed}:\n{string.Join('\n', leaks)}");
    }

    /// <summary>A 9-character piece of <paramref name="secret"/> found in <paramref name="output"/>, as logged or JSON-escaped.</summary>
    static string? LeakedPiece(string secret, string output)
    {
        foreach (var line in secret.Split('\n'))
        {
            for (var start = 0; start + 9 <= line.Length; start++)
            {
                var piece = line.AsSpan(start, 9);
                if (output.AsSpan().IndexOf(piece, StringComparison.Ordinal) >= 0)
                    return piece.ToString();
            }
        }
        return null;
    }

    static string SafeName(string key) => new(key.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray());
}
