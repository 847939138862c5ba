namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Stands in for an exception whose text holds a secret, on the way to a sink that renders
/// exceptions itself (the console, a file): it renders as the original did, secrets masked. The
/// app's own exception is never touched.
/// </summary>
sealed class RedactedException(Exception original, string text, string message) : Exception(message)
{
    /// <summary>The original exception's type, for sinks that print it.</summary>
    public Type OriginalType { get; } = original.GetType();

    public override string? StackTrace { get; } = original.StackTrace;

    public override string ToString() => text;
}
