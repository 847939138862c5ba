using System.Globalization;
using Sentry;
using Sentry.Extensibility;
using Sentry.Protocol;

namespace Gatewayz.Logging.Mapping;

/// <summary>
/// Describes an exception the Sentry SDK cannot read (a <c>Message</c> or <c>StackTrace</c> that
/// throws) as the SDK would have: the chain oldest first, types, stack frames and how each exception
/// relates to its parent. Each member is read in a try; one that throws is replaced by a marker
/// (<c>[Message could not be read: …]</c>), so the event keeps everything else instead of losing
/// its exceptions.
/// </summary>
static class FaultyExceptionMapper
{
    /// <summary>Frames come from the exception's captured stack, which does not depend on its overridable members.</summary>
    static readonly Lazy<SentryStackTraceFactory> StackTraces = new(() => new SentryStackTraceFactory(new SentryOptions()));

    public static List<SentryException> Map(Exception exception)
    {
        var described = new List<SentryException>();
        Walk(exception, parentId: null, source: null, described);
        described.Reverse();
        if (described.Count == 1 && described[0].Mechanism is { } only)
        {
            only.ExceptionId = null;
            only.ParentId = null;
        }
        return described;
    }

    static void Walk(Exception? exception, int? parentId, string? source, List<SentryException> described)
    {
        while (exception is not null && described.Count < Capture.ExceptionProbe.MaxExceptions)
        {
            var id = described.Count;
            described.Add(Describe(exception, id, parentId, source));

            if (exception is AggregateException aggregate)
            {
                for (var i = 0; i < aggregate.InnerExceptions.Count; i++)
                    Walk(aggregate.InnerExceptions[i], id, $"{nameof(AggregateException.InnerExceptions)}[{i.ToString(CultureInfo.InvariantCulture)}]", described);
                return;
            }

            exception = exception.InnerException;
            parentId = id;
            source = nameof(Exception.InnerException);
        }
    }

    static SentryException Describe(Exception exception, int id, int? parentId, string? source)
    {
        var type = exception.GetType();
        var mechanism = new Mechanism
        {
            ExceptionId = id,
            ParentId = parentId,
            Source = source,
            IsExceptionGroup = exception is AggregateException,
        };
        if (source is not null)
            mechanism.Type = "chained";
        mechanism.Data["HResult"] = $"0x{exception.HResult.ToString("X8", CultureInfo.InvariantCulture)}";

        var stackTraceText = Read(exception, static e => e.StackTrace, out var stackTraceFailure);
        if (stackTraceFailure is not null)
            mechanism.Data[nameof(Exception.StackTrace)] = $"[StackTrace could not be read: {stackTraceFailure.Split(':')[0]}]";
        if (Read(exception, static e => e.HelpLink, out _) is { } helpLink)
            mechanism.HelpLink = helpLink;
        CopyData(exception, mechanism);

        SentryStackTrace? frames;
        try
        {
            frames = StackTraces.Value.Create(exception);
        }
        catch (Exception)
        {
            frames = null;
        }
        mechanism.Handled = frames is not null || stackTraceText is not null ? true : null;

        return new SentryException
        {
            Type = type.FullName,
            Module = type.Assembly.FullName,
            Value = MessageOf(exception),
            Stacktrace = frames,
            Mechanism = mechanism,
        };
    }

    /// <summary>The exception's message, or a marker saying why it could not be read.</summary>
    public static string MessageOf(Exception exception) =>
        Read(exception, static e => e.Message, out var failure) ?? $"[Message could not be read: {failure}]";

    static void CopyData(Exception exception, Mechanism mechanism)
    {
        try
        {
            foreach (var key in exception.Data.Keys.OfType<string>())
                mechanism.Data[key] = exception.Data[key]!;
        }
        catch (Exception failure)
        {
            mechanism.Data[nameof(Exception.Data)] = $"[Data could not be read: {failure.GetType().Name}]";
        }
    }

    static string? Read(Exception exception, Func<Exception, string?> read, out string? failure)
    {
        try
        {
            failure = null;
            return read(exception);
        }
        catch (Exception ex)
        {
            failure = Describe(ex);
            return null;
        }
    }

    /// <summary>The failure's type and message; its message may be unreadable too.</summary>
    static string Describe(Exception failure)
    {
        try
        {
            return $"{failure.GetType().Name}: {failure.Message}";
        }
        catch (Exception)
        {
            return failure.GetType().Name;
        }
    }
}
