using System.Collections.Immutable;
using Gatewayz.Logging.Capture;
using Gatewayz.Logging.Context;
using Serilog.Context;
using Serilog.Debugging;

namespace Gatewayz.Logging;

/// <summary>
/// Scoped error context: every event logged inside the returned scope carries it, no event after
/// does. A context becomes a Sentry context (details you read), a tag becomes a Sentry tag (a filter
/// you search by). Both flow across <c>await</c> like <c>LogContext</c>, and survive to the catch
/// block: an exception thrown inside the scope still carries them when it is logged outside.
/// </summary>
/// <example>
/// <code>
/// using (ErrorContext.Push("database", new { operation = "insert", table = "users" }))
/// using (ErrorContext.PushTag("table", "users"))
/// {
///     await users.InsertAsync(user);
/// }
/// </code>
/// </example>
public static class ErrorContext
{
    static readonly AsyncLocal<ErrorContextState?> Current = new();

    /// <summary>
    /// Adds a context for events logged inside the scope. Nested pushes of the same context merge,
    /// inner values winning. Never throws: bad arguments are reported to SelfLog.
    /// </summary>
    /// <param name="contextType">The context's name in Sentry, such as <c>database</c> or <c>provider</c>.</param>
    /// <param name="data">The fields: a dictionary, or an object whose public properties are read.</param>
    /// <returns>The scope; dispose it to remove the context.</returns>
    public static IDisposable Push(string contextType, object? data)
    {
        try
        {
            if (string.IsNullOrWhiteSpace(contextType))
            {
                SelfLog.WriteLine("Gatewayz.Logging: ErrorContext.Push was called without a context type; nothing was pushed");
                return NothingPushed.Instance;
            }

            var previous = Current.Value ?? ErrorContextState.Empty;
            var merged = previous.Contexts.TryGetValue(contextType, out var outer)
                ? outer.SetItems(ObjectFields.Read(data))
                : ObjectFields.Read(data).ToImmutableDictionary(StringComparer.Ordinal);
            var state = previous with { Contexts = previous.Contexts.SetItem(contextType, merged) };
            // Serilog captures a plain Dictionary as a dictionary; an immutable one would become a list of pairs.
            var contexts = state.Contexts.ToDictionary(c => c.Key, c => (object?)new Dictionary<string, object?>(c.Value), StringComparer.Ordinal);
            return Enter(previous, state, LogContext.PushProperty(PropertyNames.SentryContexts, contexts, destructureObjects: true));
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: ErrorContext.Push({0}) failed: {1}", contextType, ex);
            return NothingPushed.Instance;
        }
    }

    /// <summary>Adds a tag for events logged inside the scope, whatever the sink's tag list says. Never throws.</summary>
    /// <param name="key">The tag key; made valid for Sentry when sent.</param>
    /// <param name="value">The tag value.</param>
    /// <returns>The scope; dispose it to remove the tag.</returns>
    public static IDisposable PushTag(string key, string value)
    {
        try
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                SelfLog.WriteLine("Gatewayz.Logging: ErrorContext.PushTag was called without a key; nothing was pushed");
                return NothingPushed.Instance;
            }

            var previous = Current.Value ?? ErrorContextState.Empty;
            var state = previous with { Tags = previous.Tags.SetItem(key, value ?? "") };
            return Enter(previous, state, LogContext.PushProperty(PropertyNames.SentryTags, new Dictionary<string, string>(state.Tags)));
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: ErrorContext.PushTag({0}) failed: {1}", key, ex);
            return NothingPushed.Instance;
        }
    }

    static Scope Enter(ErrorContextState previous, ErrorContextState state, IDisposable logContext)
    {
        Current.Value = state;
        return new Scope(previous, logContext);
    }

    sealed class Scope(ErrorContextState previous, IDisposable logContext) : IDisposable
    {
        int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
                return;
            Current.Value = previous;
            logContext.Dispose();
        }
    }

    sealed class NothingPushed : IDisposable
    {
        public static readonly NothingPushed Instance = new();

        public void Dispose()
        {
        }
    }
}
