using System.Buffers;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Finds API keys by the prefixes their providers give them — OpenAI, OpenRouter and Anthropic
/// (<c>sk-</c>), Stripe (<c>sk_live_</c>, <c>whsec_</c>…), GitHub (<c>ghp_</c>, <c>github_pat_</c>…) and
/// Slack (<c>xoxb-</c>…) — followed by at least 16 key characters, so that words like <c>sk-learn</c>
/// pass. The prefix and the first characters stay visible (<c>sk-or-v1[Filtered]</c>): they tell which key
/// it was without giving it away.
/// </summary>
sealed class ProviderKeyRule : ISecretRule
{
    /// <summary>The fewest random characters after the prefix.</summary>
    public const int MinBodyLength = 16;

    /// <summary>Every prefix ends with <c>-</c> or <c>_</c>, so candidates are found by searching for those two.</summary>
    static readonly string[] Prefixes =
    [
        "sk-",
        "sk_live_", "sk_test_", "pk_live_", "pk_test_", "rk_live_", "rk_test_", "whsec_",
        "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_",
        "xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-",
    ];

    /// <summary>The letters that come just before the separator in some prefix, by separator: a quick no for most dashes.</summary>
    static readonly SearchValues<char> BeforeDash = SearchValues.Create([.. Prefixes.Where(static p => p[^1] == '-').Select(static p => p[^2])]);
    static readonly SearchValues<char> BeforeUnderscore = SearchValues.Create([.. Prefixes.Where(static p => p[^1] == '_').Select(static p => p[^2])]);

    // Every prefix ends with "-" or "_".
    public RuleNeeds Needs { get; } = new(anyOf: TextTrait.Dash | TextTrait.Underscore, minLength: MinBodyLength + 3);

    public void Scan(ReadOnlySpan<char> text, ref HitCollector hits)
    {
        var position = 0;
        var runEnd = -1;
        while (position < text.Length)
        {
            var found = text[position..].IndexOfAny('-', '_');
            if (found < 0)
                return;
            var separator = position + found;
            position = separator + 1;
            var start = PrefixStart(text, separator);
            if (start < 0 || !SecretChars.IsWordStart(text, start))
                continue;

            // The key runs to the end of the run of key characters. Later candidates in the same run end
            // there too, so the run is measured once.
            if (separator >= runEnd)
                runEnd = SecretChars.EndOfRun(text, separator + 1, SecretChars.KeyChars);
            if (runEnd - (separator + 1) < MinBodyLength)
                continue;

            hits.Add(start, runEnd - start, SecretMask.VisiblePrefixFor(runEnd - start));
            position = runEnd;
        }
    }

    /// <summary>Where the prefix that ends at <paramref name="separator"/> starts, or -1 when no prefix ends there.</summary>
    static int PrefixStart(ReadOnlySpan<char> text, int separator)
    {
        if (separator == 0 || !(text[separator] == '-' ? BeforeDash : BeforeUnderscore).Contains(text[separator - 1]))
            return -1;
        var head = text[..(separator + 1)];
        foreach (var prefix in Prefixes)
        {
            if (head.EndsWith(prefix, StringComparison.Ordinal))
                return head.Length - prefix.Length;
        }
        return -1;
    }
}
