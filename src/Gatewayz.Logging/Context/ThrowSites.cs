using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Gatewayz.Logging.Context;

/// <summary>
/// Remembers where exceptions were first thrown: the execution context current at the throw, which
/// holds the scopes that are gone by the time a catch block logs the exception. Each context is kept
/// beside its exception in a weak table, so it lives exactly as long as the exception does. Recorded
/// through the first-chance notification, the one process-wide hook .NET offers for this.
/// </summary>
static class ThrowSites
{
    const int MaxChainDepth = 32;

    static readonly ConditionalWeakTable<Exception, ExecutionContext> Sites = new();

    static int s_registered;

    [ThreadStatic]
    static bool t_recording;

    /// <summary>Starts recording throw sites for the process; later calls do nothing.</summary>
    public static void Enable()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
            AppDomain.CurrentDomain.FirstChanceException += Record;
    }

    /// <summary>
    /// The throw sites of <paramref name="exception"/> and its inner exceptions, innermost first; for
    /// each, its first throw (a rethrow or an await resuming it does not replace that).
    /// </summary>
    public static List<ExecutionContext>? Find(Exception exception)
    {
        List<ExecutionContext>? found = null;
        var depth = 0;
        for (var link = exception; link is not null && depth < MaxChainDepth; link = link.InnerException, depth++)
        {
            if (Sites.TryGetValue(link, out var context))
                (found ??= []).Insert(0, context);
        }
        return found;
    }

    static void Record(object? sender, FirstChanceExceptionEventArgs e)
    {
        // An exception thrown in here would raise this event again.
        if (t_recording)
            return;
        t_recording = true;
        try
        {
            // The first throw wins: a rethrow, or an await resuming, raises this again for a known exception,
            // which the lock-free lookup answers before TryAdd's lock.
            if (!Sites.TryGetValue(e.Exception, out _) && ExecutionContext.Capture() is { } context)
                Sites.TryAdd(e.Exception, context);
        }
        catch
        {
            // Recording is best effort and must never disturb the throw.
        }
        finally
        {
            t_recording = false;
        }
    }
}
