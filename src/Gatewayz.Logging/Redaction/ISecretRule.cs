namespace Gatewayz.Logging.Redaction;

/// <summary>
/// One kind of secret that <see cref="SecretScanner"/> looks for. A rule reports where its secrets are and
/// leaves the rewriting to the scanner, so that overlapping finds of different rules merge into one mask.
/// Every rule must run in time linear in the text, whatever the text, and allocate only when it finds something.
/// </summary>
interface ISecretRule
{
    /// <summary>
    /// What a text must have for this rule to find anything in it; text without it is not scanned.
    /// It must hold for every text that <see cref="Scan"/> would find something in, and ask for a trait
    /// or a digit: text with neither (<see cref="TextTraits.IsPlain"/>) is given to no rule.
    /// </summary>
    RuleNeeds Needs { get; }

    /// <summary>Adds every secret of this kind in <paramref name="text"/> to <paramref name="hits"/>.</summary>
    void Scan(ReadOnlySpan<char> text, ref HitCollector hits);
}
