using Serilog.Debugging;

namespace Gatewayz.Logging.Tests.Support;

/// <summary>Records what Serilog's SelfLog receives while it lives. Use inside <see cref="SentrySdkCollection"/>.</summary>
public sealed class SelfLogRecorder : IDisposable
{
    readonly StringWriter _writer = new();

    public SelfLogRecorder() => SelfLog.Enable(TextWriter.Synchronized(_writer));

    public string Text => _writer.ToString();

    public void Dispose() => SelfLog.Disable();
}
