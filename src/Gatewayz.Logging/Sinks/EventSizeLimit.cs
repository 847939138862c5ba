using System.Globalization;
using Gatewayz.Logging.Mapping;
using Sentry;
using Sentry.Extensibility;
using Sentry.Protocol;
using Serilog.Debugging;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// Keeps what the SDK makes of the logged exception within Sentry's 1 MB event limit, beyond which the
/// whole event is rejected: exception messages share <see cref="SentryLimits.ExceptionValuesLength"/>, and
/// the stack frames of all exceptions share <see cref="SentryLimits.MaxStackFrames"/>, cut from the middle
/// of each stack so that the throw site and the entry point stay. Each cut is marked, and SelfLog says
/// what was cut. Runs last, on the library's own events.
/// </summary>
sealed class EventSizeLimit : ISentryEventProcessor
{
    public static readonly EventSizeLimit Instance = new();

    public SentryEvent? Process(SentryEvent @event)
    {
        if (@event.SentryExceptions is not { } sentryExceptions)
            return @event;
        var exceptions = sentryExceptions as IReadOnlyList<SentryException> ?? sentryExceptions.ToArray();
        if (exceptions.Count == 0)
            return @event;

        var valueLength = Math.Clamp(SentryLimits.ExceptionValuesLength / exceptions.Count, SentryLimits.MinExceptionValueLength, SentryLimits.MessageLength);
        var valuesCut = 0;
        foreach (var exception in exceptions)
        {
            if (exception.Value is { } value && value.Length > valueLength)
            {
                exception.Value = TextCut.WithCount(value, valueLength);
                valuesCut++;
            }
        }

        var framesCut = CutFrames(exceptions);

        if (valuesCut > 0 || framesCut > 0)
        {
            var cuts = new List<string>(2);
            if (valuesCut > 0)
                cuts.Add($"{valuesCut.ToString("N0", CultureInfo.InvariantCulture)} exception messages shortened to {valueLength.ToString("N0", CultureInfo.InvariantCulture)} characters (…[+N chars])");
            if (framesCut > 0)
                cuts.Add($"{framesCut.ToString("N0", CultureInfo.InvariantCulture)} stack frames left out of the middle of the stack traces (a \"[cut: …]\" frame marks each place)");
            SelfLog.WriteLine("Gatewayz.Logging: event {0} was cut to stay under Sentry's 1 MB event limit: {1}", @event.EventId, string.Join("; ", cuts));
        }
        return @event;
    }

    static int CutFrames(IReadOnlyList<SentryException> exceptions)
    {
        var total = 0;
        var stacks = 0;
        foreach (var exception in exceptions)
        {
            if (exception.Stacktrace?.Frames is { Count: > 0 } frames)
            {
                total += frames.Count;
                stacks++;
            }
        }
        if (total <= SentryLimits.MaxStackFrames)
            return 0;

        var perStack = Math.Max(SentryLimits.MinStackFrames, SentryLimits.MaxStackFrames / stacks);
        var cut = 0;
        foreach (var exception in exceptions)
        {
            if (exception.Stacktrace is not { Frames: { } frames } stackTrace || frames.Count <= perStack + 1)
                continue;

            // Sentry lists frames oldest first: the entry point comes first, the throw site last.
            var head = perStack / 3;
            var tail = perStack - head;
            var omitted = frames.Count - head - tail;
            var kept = new List<SentryStackFrame>(perStack + 1);
            for (var i = 0; i < head; i++)
                kept.Add(frames[i]);
            kept.Add(new SentryStackFrame
            {
                Function = $"[cut: {omitted.ToString(CultureInfo.InvariantCulture)} frames, to keep the event under Sentry's 1 MB limit]",
                InApp = false,
            });
            for (var i = frames.Count - tail; i < frames.Count; i++)
                kept.Add(frames[i]);
            stackTrace.Frames = kept;
            cut += omitted;
        }
        return cut;
    }
}
