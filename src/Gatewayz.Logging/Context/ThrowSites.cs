using System.Runtime.ExceptionServices;

namespace Gatewayz.Logging.Context;

/// <summary>
/// Remembers where recent exceptions were first thrown: the execution context current at the throw,
/// which holds the LogContext, MEL and ErrorContext scopes that are gone by the time a catch block
/// logs the exception. A throw costs one small allocation and one slot in a fixed ring of the most
/// recent throws in the process; the scopes are replayed only when an exception is logged. An
/// exception logged after <see cref="Capacity"/> later throws has lost its site (best effort, bounded
/// memory).
/// </summary>
static class ThrowSites
{
    /// <summary>How many throws, process-wide, are remembered. A power of two.</summary>
    public const int Capacity = 256;

    const int MaxChainDepth = 32;

    static readonly Site?[] Ring = new Site?[Capacity];
    static long s_sequence;
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
    /// The throw sites still remembered for <paramref name="exception"/> and its inner exceptions,
    /// innermost first; for each, the first throw (a rethrow or an await resuming records it again).
    /// </summary>
    public static List<ExecutionContext>? Find(Exception exception)
    {
        var depth = 0;
        for (var current = exception; current is not null && depth < MaxChainDepth; current = current.InnerException)
            depth++;
        var chain = new Exception[depth];
        var link = exception;
        for (var i = 0; i < depth; i++, link = link.InnerException!)
            chain[i] = link;

        Span<long> firstSequence = stackalloc long[depth];

        var sites = new ExecutionContext?[depth];
        foreach (var site in Ring)
        {
            if (site is null)
                continue;
            var index = Array.IndexOf(chain, site.Exception);
            if (index >= 0 && (sites[index] is null || site.Sequence < firstSequence[index]))
            {
                sites[index] = site.Context;
                firstSequence[index] = site.Sequence;
            }
        }

        List<ExecutionContext>? found = null;
        for (var i = depth - 1; i >= 0; i--)
        {
            if (sites[i] is { } context)
                (found ??= []).Add(context);
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
            if (ExecutionContext.Capture() is { } context)
            {
                var sequence = Interlocked.Increment(ref s_sequence);
                Volatile.Write(ref Ring[sequence & (Capacity - 1)], new Site(e.Exception, context, sequence));
            }
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

    sealed class Site(Exception exception, ExecutionContext context, long sequence)
    {
        public Exception Exception { get; } = exception;
        public ExecutionContext Context { get; } = context;
        public long Sequence { get; } = sequence;
    }
}
