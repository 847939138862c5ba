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

    /// <summary>
    /// The exception of each slot of <see cref="Ring"/>, side by side: a search compares references in
    /// one array instead of reading 256 separate sites, and reads a site only when its exception matches.
    /// </summary>
    static readonly Exception?[] Thrown = new Exception?[Capacity];

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
        if (exception.InnerException is null)
            return First(exception) is { } context ? [context] : null;

        var depth = 0;
        for (var current = exception; current is not null && depth < MaxChainDepth; current = current.InnerException)
            depth++;
        var chain = new Exception[depth];
        var link = exception;
        for (var i = 0; i < depth; i++, link = link.InnerException!)
            chain[i] = link;

        var sites = new Site?[depth];
        for (var slot = 0; slot < Capacity; slot++)
        {
            if (Volatile.Read(ref Thrown[slot]) is not { } thrown)
                continue;
            var index = IndexOf(chain, thrown);
            if (index >= 0)
                sites[index] = Earliest(sites[index], slot, thrown);
        }

        List<ExecutionContext>? found = null;
        for (var i = depth - 1; i >= 0; i--)
        {
            if (sites[i] is { } site)
                (found ??= []).Add(site.Context);
        }
        return found;
    }

    /// <summary>The context of the first throw of <paramref name="exception"/> still remembered, or null.</summary>
    static ExecutionContext? First(Exception exception)
    {
        Site? first = null;
        for (var slot = 0; slot < Capacity; slot++)
        {
            if (ReferenceEquals(Volatile.Read(ref Thrown[slot]), exception))
                first = Earliest(first, slot, exception);
        }
        return first?.Context;
    }

    static int IndexOf(Exception[] chain, Exception thrown)
    {
        for (var i = 0; i < chain.Length; i++)
        {
            if (ReferenceEquals(chain[i], thrown))
                return i;
        }
        return -1;
    }

    /// <summary>
    /// The earlier of <paramref name="known"/> and the site in <paramref name="slot"/>, if that slot still
    /// records <paramref name="thrown"/> (a later throw may have taken it since its exception was read).
    /// </summary>
    static Site? Earliest(Site? known, int slot, Exception thrown) =>
        Volatile.Read(ref Ring[slot]) is { } site && ReferenceEquals(site.Exception, thrown) && (known is null || site.Sequence < known.Sequence)
            ? site
            : known;

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
                var slot = sequence & (Capacity - 1);
                Volatile.Write(ref Ring[slot], new Site(e.Exception, context, sequence));
                Volatile.Write(ref Thrown[slot], e.Exception);
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
