namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Finds secrets inside free text — messages, exception messages, property values — whatever key they are
/// logged under, and returns the text with each one masked. Every rule runs in time linear in the text,
/// so hostile input cannot stall logging; text with no secret comes back as the same instance, without
/// allocation. Personal data (e-mail and IP addresses) is masked only when asked for: the library asks when
/// Sentry's <c>SendDefaultPii</c> is off.
/// </summary>
sealed class SecretScanner
{
    readonly ISecretRule[] _rules;
    readonly RuleNeeds[] _needs;

    /// <param name="sensitiveKeys">Decides which <c>name=value</c> pairs hold secrets.</param>
    /// <param name="includePersonalData">Also mask e-mail addresses (keeping the domain) and IP addresses.</param>
    public SecretScanner(SensitiveKeys sensitiveKeys, bool includePersonalData)
    {
        ArgumentNullException.ThrowIfNull(sensitiveKeys);
        List<ISecretRule> rules =
        [
            new PemPrivateKeyRule(),
            new HttpCredentialRule(),
            new JwtRule(),
            new ProviderKeyRule(),
            new AwsAccessKeyRule(),
            new AwsSecretKeyRule(),
            new UrlPasswordRule(),
            new SensitiveAssignmentRule(sensitiveKeys),
            new SensitiveFieldRule(sensitiveKeys),
            new EncodedAssignmentRule(sensitiveKeys),
            new ConnectionStringPasswordRule(),
            new PaymentCardRule(),
        ];
        if (includePersonalData)
            rules.AddRange([new EmailAddressRule(), new Ipv4AddressRule(), new Ipv6AddressRule()]);
        _rules = [.. rules];
        _needs = [.. rules.Select(static rule => rule.Needs)];
    }

    /// <summary>
    /// The text with every secret replaced by <see cref="SecretMask.Marker"/> (after at most eight characters
    /// of a key-like secret); <paramref name="text"/> itself when there is none.
    /// </summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hits = Scan(text);
        return hits.Hits is { } found ? RedactedText.Apply(text, found) : text;
    }

    /// <summary>True when a secret found in <paramref name="text"/> overlaps the stretch from <paramref name="start"/> of <paramref name="length"/> characters.</summary>
    public bool FindsSecretIn(ReadOnlySpan<char> text, int start, int length)
    {
        if (Scan(text).Hits is not { } hits)
            return false;
        foreach (var hit in hits)
        {
            if (hit.Start < start + length && hit.End > start)
                return true;
        }
        return false;
    }

    HitCollector Scan(ReadOnlySpan<char> text)
    {
        var hits = new HitCollector();
        var traits = TextTraits.Of(text);
        if (traits.IsPlain)
            return hits;
        var needs = _needs;
        for (var i = 0; i < needs.Length; i++)
        {
            if (needs[i].AreMetBy(traits))
                _rules[i].Scan(text, ref hits);
        }
        return hits;
    }
}
