namespace Gatewayz.Logging.Tests.Support;

/// <summary>
/// Bytes a piece of code allocates on the calling thread. The runtime may allocate there for its own
/// work (tiered compilation queues a method it promotes from the thread that called it often enough),
/// now and then; an allocation of the code under test is in every round, so the fewest bytes of a few
/// rounds, after a warm-up, are the code's own.
/// </summary>
static class Allocations
{
    public static long FewestBytes(Action action, int warmUps = 1_000, int rounds = 3)
    {
        for (var i = 0; i < warmUps; i++)
            action();
        var fewest = long.MaxValue;
        for (var round = 0; round < rounds; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            action();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return fewest;
    }
}
