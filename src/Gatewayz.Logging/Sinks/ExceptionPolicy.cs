using System.Collections.Frozen;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// Which exceptions are not worth an event: the types the app lists (matched with their subclasses),
/// and a cancellation the caller asked for. An <c>HttpClient</c> timeout is a
/// <see cref="TaskCanceledException"/> around a <see cref="TimeoutException"/>: that one is a failure
/// and is sent. Exceptions turned away here still reach every other sink, and become breadcrumbs.
/// </summary>
sealed class ExceptionPolicy(FrozenSet<string> ignoredTypeNames, bool captureCancellations)
{
    public bool ShouldSend(Exception? exception)
    {
        if (exception is null)
            return true;

        if (!captureCancellations && exception is OperationCanceledException && !IsTimeout(exception))
            return false;

        if (ignoredTypeNames.Count == 0)
            return true;
        for (var type = exception.GetType(); type is not null; type = type.BaseType)
        {
            if (type.FullName is { } name && ignoredTypeNames.Contains(name))
                return false;
        }
        return true;
    }

    static bool IsTimeout(Exception exception)
    {
        var depth = 0;
        for (var inner = exception.InnerException; inner is not null && depth < 16; inner = inner.InnerException, depth++)
        {
            if (inner is TimeoutException)
                return true;
        }
        return false;
    }
}
