namespace Gatewayz.Logging.Tests.Support;

/// <summary>Captures what is written to standard error while it lives. Use inside <see cref="SentrySdkCollection"/>.</summary>
public sealed class StandardError : IDisposable
{
    readonly TextWriter _previous = Console.Error;
    readonly StringWriter _writer = new();

    public StandardError() => Console.SetError(TextWriter.Synchronized(_writer));

    public string[] Lines => _writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void Dispose() => Console.SetError(_previous);
}
