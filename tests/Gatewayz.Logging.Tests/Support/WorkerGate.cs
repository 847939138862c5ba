using Sentry;

namespace Gatewayz.Logging.Tests.Support;

/// <summary>
/// Holds the library's background worker on one event, so that a test can change the world (finish a
/// span, change the request) between the moment a later event is logged and the moment the worker
/// captures it. The owner's <c>BeforeSend</c> blocks on the event whose message is <see cref="Message"/>.
/// </summary>
sealed class WorkerGate : IDisposable
{
    /// <summary>Log an error with this message to hold the worker on it.</summary>
    public const string Message = "hold the worker";

    static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);

    readonly ManualResetEventSlim _held = new();
    readonly ManualResetEventSlim _open = new();

    /// <summary>Sets the SDK's <c>BeforeSend</c> to block on the holding event until <see cref="Release"/>.</summary>
    public void InstallOn(SentryOptions options) =>
        options.SetBeforeSend(e =>
        {
            if (e.Message?.Message == Message)
            {
                _held.Set();
                Assert.True(_open.Wait(Limit), "the test never let the worker go");
            }
            return e;
        });

    /// <summary>Waits until the worker is blocked on the holding event.</summary>
    public void WaitUntilHeld() => Assert.True(_held.Wait(Limit), "the worker never reached the first event");

    /// <summary>Lets the worker go on.</summary>
    public void Release() => _open.Set();

    public void Dispose()
    {
        _open.Set();
        _held.Dispose();
        _open.Dispose();
    }
}
