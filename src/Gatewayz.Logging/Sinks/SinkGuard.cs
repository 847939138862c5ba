using Serilog.Debugging;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// Marks the threads on which the sink is already working, so that anything logged from inside
/// the sink, or by the Sentry SDK while the sink drives it, never loops back into the sink.
/// </summary>
static class SinkGuard
{
    [ThreadStatic]
    static int t_depth;

    public static bool IsActive => t_depth > 0;

    public static void Enter() => t_depth++;

    public static void Exit() => t_depth--;

    /// <summary>Runs <paramref name="action"/> guarded; a failure goes to SelfLog as "<paramref name="failed"/>: the exception".</summary>
    public static void Run<T>(Action<T> action, T argument, string failed)
    {
        Enter();
        try
        {
            action(argument);
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: {0}: {1}", failed, ex);
        }
        finally
        {
            Exit();
        }
    }
}
