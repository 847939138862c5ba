using System.Text;
using Serilog.Events;
using Serilog.Parsing;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Finds the properties whose place in a template makes them secrets, whatever their value
/// (<c>password={P}</c>, <c>Bearer {T}</c>, <c>postgres://app:{Pw}@db</c>). Each hole is probed with a
/// key-like sample that the scanner is asked about, so the marks follow the text's rules.
/// </summary>
static class TemplateMarks
{
    /// <summary>Looks like a token to every rule that reads context, and is no secret to any rule alone.</summary>
    const string TokenSample = "Gz7qK2vX9mP4tR8wL3nB6yH1cF5dJ0sA";

    /// <summary>HTTP basic credentials are recognised by decoding them: base64 of <c>user:pass</c>.</summary>
    const string BasicSample = "dXNlcjpwYXNz";

    /// <summary>What stands in another hole of the probe: a short word that completes no rule.</summary>
    const string OtherHole = "x";

    /// <summary>How much literal text on each side of a hole is read: the rules look only this far.</summary>
    const int Window = 256;

    /// <summary>The names of the template's marked properties, each once; empty when there are none.</summary>
    public static string[] Find(MessageTemplate template, SecretScanner scanner)
    {
        var tokens = template.Tokens as IReadOnlyList<MessageTemplateToken> ?? [.. template.Tokens];
        if (tokens.Count < 2)
            return [];
        List<string>? marked = null;
        var probe = new StringBuilder();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] is not PropertyToken hole || (marked is not null && marked.Contains(hole.PropertyName)))
                continue;
            if (IsMarked(tokens, i, TokenSample, probe, scanner) || IsMarked(tokens, i, BasicSample, probe, scanner))
                (marked ??= []).Add(hole.PropertyName);
        }
        return marked is null ? [] : [.. marked];
    }

    static bool IsMarked(IReadOnlyList<MessageTemplateToken> tokens, int hole, string sample, StringBuilder probe, SecretScanner scanner)
    {
        probe.Clear();
        for (var i = hole - 1; i >= 0 && probe.Length < Window; i--)
            probe.Insert(0, tokens[i] is TextToken text ? Tail(text.Text) : OtherHole);
        var start = probe.Length;
        probe.Append(sample);
        for (var i = hole + 1; i < tokens.Count && probe.Length - start - sample.Length < Window; i++)
            probe.Append(tokens[i] is TextToken text ? Head(text.Text) : OtherHole);
        return scanner.FindsSecretIn(probe.ToString(), start, sample.Length);
    }

    static string Tail(string text) => text.Length <= Window ? text : text[^Window..];

    static string Head(string text) => text.Length <= Window ? text : text[..Window];
}
