using Gatewayz.Gateway.Failures;
using Gatewayz.Logging;

namespace Gatewayz.Gateway.Background;

/// <summary>
/// Records token usage after the response has gone: work nobody awaits, so its failure is captured
/// as a <c>background_task</c> and never reaches the request.
/// </summary>
public sealed class UsageRecorder(ILogger<UsageRecorder> logger)
{
    public Task Pending { get; private set; } = Task.CompletedTask;

    public void Record(string userId, string model, FailureMode failures)
    {
        Pending = Task.Run(() => RecordUsage(userId, model, failures));
    }

    Task RecordUsage(string userId, string model, FailureMode failures) =>
        ErrorCapture.RunBackgroundAsync(logger, async () =>
        {
            await Task.Delay(5);
            if (failures.HasFlag(FailureMode.Background))
                throw new InvalidOperationException($"Could not write usage for user {userId}: ledger partition 7 is read-only");
        }, () => new { job = "record_usage", user_id = userId, model });
}
