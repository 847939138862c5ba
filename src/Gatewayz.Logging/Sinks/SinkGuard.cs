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
}
