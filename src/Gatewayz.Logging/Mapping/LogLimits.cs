namespace Gatewayz.Logging.Mapping;

/// <summary>
/// The bounds of one Sentry log line. Sentry takes a log item of up to 1 MB and trims what is
/// longer; the library keeps each line far below that, and marks whatever it cut.
/// </summary>
static class LogLimits
{
    /// <summary>The body, as an event's message.</summary>
    public const int BodyLength = SentryLimits.MessageLength;

    /// <summary>A text attribute (a property, a template parameter, an exception's message).</summary>
    public const int ValueLength = 2048;

    /// <summary>The exception's <c>exception.stacktrace</c>: its type, message and frames, inner exceptions included.</summary>
    public const int StackTraceLength = 16 * 1024;

    /// <summary>Attributes of one line, besides the SDK's own (environment, release, SDK).</summary>
    public const int MaxAttributes = 128;

    /// <summary>How deep a structured value is flattened to <c>name.field.field</c> before it becomes JSON text.</summary>
    public const int FlattenDepth = 3;

    /// <summary>Fields one structured value may flatten to before it becomes JSON text instead.</summary>
    public const int FlattenFields = 24;

    /// <summary>The attribute that counts attributes left out beyond <see cref="MaxAttributes"/>.</summary>
    public const string DroppedAttributes = "gatewayz.attributes_dropped";
}
