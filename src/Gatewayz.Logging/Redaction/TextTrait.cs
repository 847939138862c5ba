namespace Gatewayz.Logging.Redaction;

/// <summary>The ASCII characters that some rule needs to find anything; see <see cref="TextTraits"/>.</summary>
[Flags]
enum TextTrait : ushort
{
    None = 0,
    Dash = 1 << 0,
    Underscore = 1 << 1,
    Equals = 1 << 2,
    Colon = 1 << 3,
    At = 1 << 4,
    Percent = 1 << 5,
    LetterB = 1 << 6,
    UpperA = 1 << 7,
    UpperJ = 1 << 8,
}
