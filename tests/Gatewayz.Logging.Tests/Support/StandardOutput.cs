namespace Gatewayz.Logging.Tests.Support;

/// <summary>Captures what is written to standard output while it lives. Use inside <see cref="SentrySdkCollection"/>.</summary>
public sealed class StandardOutput : IDisposable
{
    readonly TextWriter _previous = Console.Out;
    readonly StringWriter _writer = new();

    public StandardOutput() => Console.SetOut(TextWriter.Synchronized(_writer));

    public string Text => _writer.ToString();

    public string[] Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void Dispose() => Console.SetOut(_previous);
}
