using System.Collections.Concurrent;
using System.Reflection;

namespace Gatewayz.Logging.Capture;

/// <summary>
/// Finds an exception the Sentry SDK cannot read: one whose <c>Message</c>, <c>StackTrace</c>,
/// <c>Data</c> or <c>HelpLink</c> throws, which the SDK would leave out of the event, saying so only in
/// its own debug output. The runtime's own implementations are trusted; an app's override is called
/// once, in a try. For a type that overrides none of them: one cached lookup.
/// </summary>
static class ExceptionProbe
{
    /// <summary>Exceptions of one chain looked at, at most (an <see cref="AggregateException"/> may hold thousands).</summary>
    public const int MaxExceptions = 256;

    static readonly Assembly Runtime = typeof(Exception).Assembly;
    static readonly ConcurrentDictionary<Type, bool> OverridesReadMembers = new();

    /// <summary>What could not be read, for example <c>PaymentException.Message threw InvalidOperationException</c>; null when everything can.</summary>
    public static string? FindFault(Exception exception)
    {
        Stack<Exception>? pending = null;
        var current = exception;
        for (var seen = 0; seen < MaxExceptions; seen++)
        {
            if (current is null)
            {
                if (pending is null || pending.Count == 0)
                    return null;
                current = pending.Pop();
            }

            if (OverridesReadMembers.GetOrAdd(current.GetType(), Overrides) && Fault(current) is { } fault)
                return fault;

            if (current is AggregateException aggregate)
            {
                pending ??= new Stack<Exception>();
                foreach (var inner in aggregate.InnerExceptions)
                    pending.Push(inner);
                current = null;
            }
            else
            {
                current = current.InnerException;
            }
        }
        return null;
    }

    static string? Fault(Exception exception) =>
        Fails(exception, static e => e.Message, "Message")
        ?? Fails(exception, static e => e.StackTrace, "StackTrace")
        ?? Fails(exception, static e => e.Data, "Data")
        ?? Fails(exception, static e => e.HelpLink, "HelpLink");

    static string? Fails(Exception exception, Func<Exception, object?> read, string member)
    {
        try
        {
            read(exception);
            return null;
        }
        catch (Exception failure)
        {
            return $"{exception.GetType().Name}.{member} threw {failure.GetType().Name}";
        }
    }

    static bool Overrides(Type type)
    {
        try
        {
            return Declared(type, nameof(Exception.Message)) || Declared(type, nameof(Exception.StackTrace))
                || Declared(type, nameof(Exception.Data)) || Declared(type, nameof(Exception.HelpLink));
        }
        catch (AmbiguousMatchException)
        {
            // A member hidden with "new": call it to be sure.
            return true;
        }

        static bool Declared(Type type, string property) =>
            type.GetProperty(property, BindingFlags.Public | BindingFlags.Instance)?.GetMethod?.DeclaringType?.Assembly != Runtime;
    }
}
