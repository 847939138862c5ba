namespace Gatewayz.Logging.Capture;

/// <summary>Turns text into a message template that renders as exactly that text.</summary>
static class LiteralTemplate
{
    public static string Escape(string text) =>
        text.Contains('{', StringComparison.Ordinal) || text.Contains('}', StringComparison.Ordinal)
            ? text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal)
            : text;
}
