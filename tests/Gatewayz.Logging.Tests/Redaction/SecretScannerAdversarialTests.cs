using System.Diagnostics;
using System.Text;
using Gatewayz.Logging.Redaction;
using Xunit;
using Xunit.Abstractions;

namespace Gatewayz.Logging.Tests.Redaction;

/// <summary>
/// Inputs built to make a careless scanner quadratic: every rule's anchor repeated a million times, with
/// the rest of its pattern missing or nested. Each megabyte must finish well within two seconds, and four
/// times the input must take about four times as long: a linear scanner gives 4, a quadratic one 16, so
/// the bound of 8 tells them apart even on a busy machine. A case is measured again (up to three
/// times) when an attempt misses: noise from other tests passes, a quadratic scan never does.
/// </summary>
[Collection(nameof(TimingCollection))]
public class SecretScannerAdversarialTests(ITestOutputHelper output)
{
    const int OneMegabyte = 1 << 20;
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);
    const double MaxRatio = 8.0;
    const int Attempts = 3;

    static readonly SecretScanner Scanner = new(new SensitiveKeys(), includePersonalData: true);

    static readonly Dictionary<string, Func<int, string>> Patterns = new()
    {
        ["Bearer-repeated"] = n => Repeat("Bearer ", n),
        ["bearer-short-credentials"] = n => Repeat("bearer abc1 ", n),
        ["Basic-without-colon"] = n => Repeat("Basic QUFB ", n),
        ["Basic-one-long-credential"] = n => "Basic " + Repeat("QUFB", n - 6),
        ["eyJ-then-a-dot-repeated"] = n => "eyJ" + Repeat("a.", n - 3),
        ["eyJ-repeated"] = n => Repeat("eyJ", n),
        ["dash-eyJ-repeated"] = n => Repeat("-eyJ", n),
        ["x-eyJ-token-repeated"] = n => Repeat("xeyJa.b.", n),
        ["eyJ-segments-repeated"] = n => Repeat("eyJab.", n),
        ["digits"] = n => Repeat("0123456789", n),
        ["digit-groups"] = n => Repeat("4111 ", n),
        ["single-digit-groups"] = n => Repeat("1-", n),
        ["luhn-valid-groups"] = n => Repeat("4111 1111 1111 1111 ", n),
        ["sk-repeated"] = n => Repeat("sk-", n),
        ["xsk-repeated"] = n => Repeat("xsk-", n),
        ["short-keys-repeated"] = n => Repeat("sk-0123456789abcde ", n),
        ["ghp-repeated"] = n => Repeat("ghp_", n),
        ["AKIA-repeated"] = n => Repeat("AKIA", n),
        ["a-at-repeated"] = n => Repeat("a@", n),
        ["a-dot-b-at-repeated"] = n => Repeat("a.b@", n),
        ["one-at-after-a-long-local-part"] = n => Repeat("a.", n - 8) + "@b.c.d.e",
        ["scheme-colon-at-repeated"] = n => Repeat("://:@", n),
        ["url-with-a-long-authority"] = n => "http://" + Repeat("a:b", n - 7),
        ["url-userinfo-repeated"] = n => Repeat("://a:b@", n),
        ["nested-BEGIN-without-END"] = n => Repeat("-----BEGIN RSA PRIVATE KEY-----\n", n),
        ["BEGIN-markers"] = n => Repeat("-----BEGIN ", n),
        ["END-markers-of-other-keys"] = n => "-----BEGIN RSA PRIVATE KEY-----" + Repeat("-----END RSA KEY-----", n - 31),
        ["equals"] = n => Repeat("=", n),
        ["semicolons"] = n => Repeat(";", n),
        ["equals-semicolons"] = n => Repeat("=;", n),
        ["token-assignments"] = n => Repeat("token=", n),
        ["Password-assignments"] = n => Repeat("Password=", n),
        ["spaced-password-assignments"] = n => Repeat("password = ", n),
        ["quoted-token-assignments"] = n => Repeat("token=\"", n),
        ["odd-quote-runs"] = n => Repeat("token=\"\"\"", n),
        ["even-quote-runs"] = n => Repeat("token=\"\"\"\"", n),
        ["escaped-quotes"] = n => Repeat("token=\\\"x\\\"\"", n),
        ["unterminated-quote"] = n => "password='" + Repeat("a=", n - 10),
        ["query-parameters"] = n => Repeat("?token=&", n),
        ["colons"] = n => Repeat(":", n),
        ["hex-colons"] = n => Repeat("1:", n),
        ["double-colons"] = n => Repeat("::", n),
        ["dotted-numbers"] = n => Repeat("1.1.1.", n),
        ["ipv4-addresses"] = n => Repeat("10.0.0.1 ", n),
        ["provider-keys"] = n => Repeat("sk-or-v1-0123456789abcdef0123 ", n),
        ["random-anchor-characters"] = RandomAnchors,
    };

    public static TheoryData<string> PatternNames() => [.. Patterns.Keys];

    [Theory]
    [MemberData(nameof(PatternNames))]
    public void Hostile_input_is_scanned_in_linear_time(string pattern)
    {
        var make = Patterns[pattern];
        Scanner.Redact(make(64 * 1024)); // compile and warm up

        var oneMegabyte = make(OneMegabyte);
        var fourMegabytes = make(4 * OneMegabyte);
        // A quadratic scanner is slow on every attempt; a busy machine (tests run in parallel) only on some.
        TimeSpan one = default, four = default;
        var ratio = double.MaxValue;
        for (var attempt = 1; attempt <= Attempts && (ratio >= MaxRatio || one >= Limit); attempt++)
        {
            one = BestOf(3, oneMegabyte);
            four = BestOf(3, fourMegabytes);
            // Below a few milliseconds, cache effects swamp the ratio; a quadratic scan of a megabyte takes far longer.
            ratio = four.TotalMilliseconds / Math.Max(one.TotalMilliseconds, 5);
            output.WriteLine($"{pattern}, attempt {attempt}: 1 MB {one.TotalMilliseconds:F1} ms, 4 MB {four.TotalMilliseconds:F1} ms, ratio {ratio:F2}");
        }

        Assert.True(one < Limit, $"{pattern}: 1 MB took {one}");
        Assert.True(ratio < MaxRatio, $"{pattern}: 4 MB took {ratio:F2} times as long as 1 MB ({one.TotalMilliseconds:F1} ms vs {four.TotalMilliseconds:F1} ms)");
    }

    static TimeSpan BestOf(int runs, string input)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            Scanner.Redact(input);
            watch.Stop();
            if (watch.Elapsed < best)
                best = watch.Elapsed;
        }
        return best;
    }

    static string Repeat(string unit, int length)
    {
        var text = new StringBuilder(length + unit.Length);
        while (text.Length < length)
            text.Append(unit);
        return text.ToString(0, length);
    }

    static string RandomAnchors(int length)
    {
        const string anchors = "eyJ.:@=;-_ BbasicSsk0123456789/?&\"'\\nAKI";
        var random = new Random(20261124);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
            chars[i] = anchors[random.Next(anchors.Length)];
        return new string(chars);
    }
}
