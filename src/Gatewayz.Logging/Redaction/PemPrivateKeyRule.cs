using System.Buffers;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Finds PEM private-key blocks, <c>-----BEGIN … PRIVATE KEY-----</c> to the matching
/// <c>-----END … PRIVATE KEY-----</c>, and PGP's armored ones (<c>PRIVATE KEY BLOCK</c>), and filters the whole block. A block without its END line (a cut
/// log line) is filtered to the end of the text: what follows BEGIN is key material.
/// </summary>
sealed class PemPrivateKeyRule : ISecretRule
{
    const string Begin = "-----BEGIN ";
    const string End = "-----END ";
    const string Dashes = "-----";
    const string KeyLabel = "PRIVATE KEY";
    const string PgpKeyLabel = "PRIVATE KEY BLOCK";

    static readonly SearchValues<char> LabelChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ ");

    public RuleNeeds Needs { get; } = new(TextTrait.Dash, minLength: Begin.Length + KeyLabel.Length);

    public void Scan(ReadOnlySpan<char> text, ref HitCollector hits)
    {
        var position = 0;
        while (position < text.Length)
        {
            var found = text[position..].IndexOf(Begin, StringComparison.Ordinal);
            if (found < 0)
                return;
            var start = position + found;
            var markerEnd = PrivateKeyMarkerEnd(text, start + Begin.Length);
            if (markerEnd < 0)
            {
                position = start + Begin.Length;
                continue;
            }
            var blockEnd = BlockEnd(text, markerEnd);
            hits.Add(start, blockEnd - start, 0);
            position = blockEnd;
        }
    }

    /// <summary>The index after the END line of a private key, searching from <paramref name="from"/>; the text's end when there is none.</summary>
    static int BlockEnd(ReadOnlySpan<char> text, int from)
    {
        var position = from;
        while (position < text.Length)
        {
            var found = text[position..].IndexOf(End, StringComparison.Ordinal);
            if (found < 0)
                break;
            var labelStart = position + found + End.Length;
            var markerEnd = PrivateKeyMarkerEnd(text, labelStart);
            if (markerEnd >= 0)
                return markerEnd;
            position = labelStart;
        }
        return text.Length;
    }

    /// <summary>
    /// For a label such as <c>RSA PRIVATE KEY-----</c> at <paramref name="labelStart"/>, the index after its
    /// dashes; -1 when the label does not name a private key.
    /// </summary>
    static int PrivateKeyMarkerEnd(ReadOnlySpan<char> text, int labelStart)
    {
        var labelEnd = SecretChars.EndOfRun(text, labelStart, LabelChars);
        var label = text[labelStart..labelEnd];
        return (label.EndsWith(KeyLabel, StringComparison.Ordinal) || label.EndsWith(PgpKeyLabel, StringComparison.Ordinal))
            && text[labelEnd..].StartsWith(Dashes, StringComparison.Ordinal)
            ? labelEnd + Dashes.Length
            : -1;
    }
}
