using System.Globalization;
using System.Text;
using Gatewayz.Logging.Redaction;
using Xunit;
using Xunit.Abstractions;

namespace Gatewayz.Logging.Tests.Redaction;

/// <summary>
/// For random secrets of every kind at random places in random log text: no nine consecutive characters
/// of a secret survive. The seed changes every run and is printed; set REDACTION_SEED to replay one, and
/// REDACTION_ITERATIONS to run longer.
/// </summary>
public class SecretScannerPropertyTests(ITestOutputHelper output)
{
    const int DefaultIterations = 10_000;
    const int LeakLength = 9;

    static readonly SecretScanner Scanner = new(new SensitiveKeys(), includePersonalData: false);
    static readonly SecretScanner PiiScanner = new(new SensitiveKeys(), includePersonalData: true);

    static readonly string[] Vocabulary =
    [
        "request", "failed", "for", "provider", "openai/gpt-4o", "gpt-4o-mini", "anthropic/claude-3.5-sonnet",
        "meta-llama/llama-3.1-70b-instruct", "ord_20261124_000123", "1234567890123", "550e8400-e29b-41d4-a716-446655440000",
        "2026-11-24T09:30:00.000Z", "1204.50", "$20.00", "https://api.openai.com/v1/chat/completions", "password reset email sent",
        "max_tokens=1024", "status=429", "latency_ms=812", "user", "retry", "upstream", "timeout", "—", "é", "日本語", ":", "->",
        "{", "}", "\"model\":", "tokens", "key_prefix", "!", "Bearer", "basic", "Password", "token", "=", ";", "&", "@", "://",
        "-----BEGIN", "eyJ", "sk-", "4111", "::", "10.0", "x", "\\n", "\t",
    ];

    static readonly string[] Wrappers = [" {0} ", " \"{0}\" ", " ({0}) ", " '{0}' ", " [{0}] ", " <{0}> ", "\n{0}\n", " {0}, ", " {0}. ", "\t{0}\t"];

    [Fact]
    public void No_nine_characters_of_any_secret_survive()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("REDACTION_SEED"), CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed
            : Random.Shared.Next();
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("REDACTION_ITERATIONS"), CultureInfo.InvariantCulture, out var configured)
            ? configured
            : DefaultIterations;
        output.WriteLine($"seed {seed} (replay with REDACTION_SEED={seed}), {iterations} iterations");
        var random = new Random(seed);
        var generator = new SecretGenerator(random);
        var perKind = SecretGenerator.Kinds.ToDictionary(kind => kind, _ => 0);

        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var secrets = new List<(string Kind, string Secret)>();
            var pieces = new List<string>();
            string? tail = null;
            var count = random.Next(1, 4);
            for (var i = 0; i < count; i++)
            {
                var kind = SecretGenerator.Kinds[random.Next(SecretGenerator.Kinds.Length)];
                var (secret, snippet) = generator.Create(kind);
                secrets.Add((kind, secret));
                perKind[kind]++;
                if (generator.MustEndText)
                    tail = snippet;
                else
                    pieces.Add(string.Format(CultureInfo.InvariantCulture, Wrappers[random.Next(Wrappers.Length)], snippet));
            }

            var text = new StringBuilder();
            foreach (var piece in pieces)
            {
                AppendNoise(text, random);
                text.Append(piece);
            }
            AppendNoise(text, random);
            if (tail is not null)
                text.Append(' ').Append(tail);
            var input = text.ToString();

            var scanner = secrets.Any(s => SecretGenerator.IsPersonalData(s.Kind)) || random.Next(2) == 0 ? PiiScanner : Scanner;
            var redacted = scanner.Redact(input);

            foreach (var (kind, secret) in secrets)
            {
                var leak = Leak(secret, redacted);
                if (leak is not null)
                {
                    Assert.Fail($"seed {seed}, iteration {iteration}: {kind} secret leaked \"{leak}\".\nsecret:   {secret}\ninput:    {input}\nredacted: {redacted}");
                }
            }
        }

        output.WriteLine("secrets per kind: " + string.Join(", ", perKind.Select(p => $"{p.Key} {p.Value}")));
    }

    /// <summary>A run of at least nine characters of the secret (or all of a shorter one) found in the output.</summary>
    static string? Leak(string secret, string redacted)
    {
        if (secret.Length < LeakLength)
            return redacted.Contains(secret, StringComparison.Ordinal) ? secret : null;
        for (var i = 0; i + LeakLength <= secret.Length; i++)
        {
            var piece = secret.AsSpan(i, LeakLength);
            if (redacted.AsSpan().IndexOf(piece, StringComparison.Ordinal) >= 0)
                return piece.ToString();
        }
        return null;
    }

    static void AppendNoise(StringBuilder text, Random random)
    {
        var words = random.Next(0, 8);
        for (var i = 0; i < words; i++)
        {
            if (text.Length > 0)
                text.Append(random.Next(6) == 0 ? ", " : " ");
            if (random.Next(3) == 0)
            {
                for (var j = random.Next(1, 12); j > 0; j--)
                    text.Append((char)('a' + random.Next(26)));
            }
            else
            {
                text.Append(Vocabulary[random.Next(Vocabulary.Length)]);
            }
        }
    }
}
