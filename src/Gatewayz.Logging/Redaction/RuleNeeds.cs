namespace Gatewayz.Logging.Redaction;

/// <summary>
/// What a text must have before a rule can find anything in it: every trait of <c>allOf</c>, one of
/// <c>anyOf</c> (when given), enough digits, full stops and characters. Plain data, so that the scanner
/// checks every rule against one text's <see cref="TextTraits"/> without a call.
/// </summary>
readonly struct RuleNeeds(TextTrait allOf = TextTrait.None, TextTrait anyOf = TextTrait.None, int minDigits = 0, int minDots = 0, int minLength = 0)
{
    public bool AreMetBy(in TextTraits traits) =>
        (traits.Traits & allOf) == allOf
        && (anyOf == TextTrait.None || (traits.Traits & anyOf) != 0)
        && traits.Digits >= minDigits
        && traits.Dots >= minDots
        && traits.Length >= minLength;
}
