namespace Gatewayz.Logging.Capture;

/// <summary>
/// What a capture helper asks for, independent of the logging API it came through: the exception,
/// a message, one context and the tags to set. Every helper funnels into this one shape.
/// </summary>
sealed record CaptureRequest(
    Exception? Exception,
    string Message,
    string? ContextName,
    IReadOnlyDictionary<string, object?>? Context,
    IReadOnlyDictionary<string, string>? Tags,
    string? UserId)
{
    /// <summary>The message as a message template that renders as exactly that text.</summary>
    public string Template =>
        Message.Contains('{', StringComparison.Ordinal) || Message.Contains('}', StringComparison.Ordinal)
            ? Message.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal)
            : Message;
}
