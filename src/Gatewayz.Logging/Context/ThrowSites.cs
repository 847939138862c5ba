using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Gatewayz.Logging.Context;

/// <summary>
/// Remembers, for each exception, the execution context that was current where it was first thrown:
/// the LogContext, MEL and ErrorContext scopes of the throw site, which are gone by the time a catch
/// block logs it. Recording costs one reference capture and one weak-table entry per throw; the
/// scopes are replayed only when the exception is logged.
/// </summary>
static class ThrowSites
{
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

    /// <summary>The throw sites of <paramref name="exception"/> and its inner exceptions, innermost first.</summary>
    public static List<ExecutionContext>? Find(Exception exception)
    {
        List<ExecutionContext>? found = null;
        var depth = 0;
        for (var current = exception; current is not null && depth < 32; current = current.InnerException, depth++)
        {
            if (Sites.TryGetValue(current, out var site))
                (found ??= []).Insert(0, site);
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
            // The first throw is the deepest site; a rethrow (or an await resuming) must not replace it.
            if (ExecutionContext.Capture() is { } site)
                Sites.TryAdd(e.Exception, site);
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
