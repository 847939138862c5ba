using System.Runtime.CompilerServices;
using Gatewayz.Logging.Capture;
using Microsoft.Extensions.Logging;
using Sentry;
using Serilog.Debugging;
using Serilog.Events;

namespace Gatewayz.Logging;

/// <summary>
/// Wraps a call so that a failure is captured with the given context, tagged with the calling
/// method's name (<c>code.function</c>), and then rethrown untouched: the same exception object with
/// its original stack trace (the capture runs in an exception filter, so nothing is caught). The
/// context factory runs only on failure. <see cref="RunBackgroundAsync(Microsoft.Extensions.Logging.ILogger, Func{Task}, Func{object?}?, string)"/>
/// is for work nobody awaits: it captures with context <c>background_task</c> and does not rethrow.
/// </summary>
/// <example>
/// <code>
/// var reply = await ErrorCapture.RunAsync(logger, "provider",
///     () => openRouter.CompleteAsync(request),
///     () => new { provider = "openrouter", model = request.Model });
/// </code>
/// </example>
public static class ErrorCapture
{
    /// <summary>The context type of <c>RunBackgroundAsync</c>.</summary>
    public const string BackgroundTask = "background_task";

    // Sentry's ingestion drops a client tag named "function".
    const string FunctionTag = "code.function";

    /// <summary>The warning logged when the context factory itself throws.</summary>
    const string FactoryFailed = "Building the {ContextType} context for {Operation} failed; the original exception is captured without it";

    static readonly Action<Microsoft.Extensions.Logging.ILogger, string, string, Exception?> FactoryFailedWarning =
        LoggerMessage.Define<string, string>(LogLevel.Warning, default, FactoryFailed);

    /// <summary>Runs <paramref name="action"/>; a failure is captured, then rethrown untouched.</summary>
    /// <param name="logger">The logger to capture through.</param>
    /// <param name="contextType">The Sentry context name, such as <c>provider</c>.</param>
    /// <param name="action">The call.</param>
    /// <param name="context">Builds the context's fields from the call's arguments, on failure only.</param>
    /// <param name="operation">The calling method; supplied by the compiler.</param>
    public static void Run(Microsoft.Extensions.Logging.ILogger logger, string contextType, Action action, Func<object?>? context = null,
        [CallerMemberName] string operation = "") =>
        RunCore(action, ex => Report(logger, ex, contextType, context, operation));

    /// <summary>Runs <paramref name="action"/> and returns its result; a failure is captured, then rethrown untouched.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="logger">The logger to capture through.</param>
    /// <param name="contextType">The Sentry context name.</param>
    /// <param name="action">The call.</param>
    /// <param name="context">Builds the context's fields, on failure only.</param>
    /// <param name="operation">The calling method; supplied by the compiler.</param>
    /// <returns>What <paramref name="action"/> returned.</returns>
    public static T Run<T>(Microsoft.Extensions.Logging.ILogger logger, string contextType, Func<T> action, Func<object?>? context = null,
        [CallerMemberName] string operation = "") =>
        RunCore(action, ex => Report(logger, ex, contextType, context, operation));

    /// <summary>Awaits <paramref name="action"/>; a failure is captured, then rethrown untouched.</summary>
    /// <param name="logger">The logger to capture through.</param>
    /// <param name="contextType">The Sentry context name.</param>
    /// <param name="action">The call.</param>
    /// <param name="context">Builds the context's fields, on failure only.</param>
    /// <param name="operation">The calling method; supplied by the compiler.</param>
    /// <returns>The call's task.</returns>
    public static Task RunAsync(Microsoft.Extensions.Logging.ILogger logger, string contextType, Func<Task> action, Func<object?>? context = null,
        [CallerMemberName] string operation = "") =>
        RunCoreAsync(action, ex => Report(logger, ex, contextType, context, operation));

    /// <summary>Awaits <paramref name="action"/> and returns its result; a failure is captured, then rethrown untouched.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="logger">The logger to capture through.</param>
    /// <param name="contextType">The Sentry context name.</param>
    /// <param name="action">The call.</param>
    /// <param name="context">Builds the context's fields, on failure only.</param>
    /// <param name="operation">The calling method; supplied by the compiler.</param>
    /// <returns>What <paramref name="action"/> returned.</returns>
    public static Task<T> RunAsync<T>(Microsoft.Extensions.Logging.ILogger logger, string contextType, Func<Task<T>> action,
        Func<object?>? context = null, [CallerMemberName] string operation = "") =>
        RunCoreAsync(action, ex => Report(logger, ex, contextType, context, operation));

    /// <summary>
    /// Awaits background work; a failure is captured with context <c>background_task</c> and not
    /// rethrown, so the returned task always completes successfully.
    /// </summary>
    /// <param name="logger">The logger to capture through.</param>
    /// <param name="work">The work.</param>
    /// <param name="context">Builds the context's fields, on failure only.</param>
    /// <param name="operation">The calling method; supplied by the compiler.</param>
    /// <returns>A task that completes when the work has finished or failed.</returns>
    public static Task RunBackgroundAsync(Microsoft.Extensions.Logging.ILogger logger, Func<Task> work, Func<object?>? context = null,
        [CallerMemberName] string operation = "") =>
        RunBackgroundCoreAsync(work, ex => Report(logger, ex, BackgroundTask, context, operation));

    /// <inheritdoc cref="Run(Microsoft.Extensions.Logging.ILogger, string, Action, Func{object?}?, string)"/>
    public static void Run(Serilog.ILogger logger, string contextType, Action action, Func<object?>? context = null,
        [CallerMemberName] string operation = "") =>
        RunCore(action, ex => Report(logger, ex, contextType, context, operation));

    /// <inheritdoc cref="Run{T}(Microsoft.Extensions.Logging.ILogger, string, Func{T}, Func{object?}?, string)"/>
    public static T Run<T>(Serilog.ILogger logger, string contextType, Func<T> action, Func<object?>? context = null,
        [CallerMemberName] string operation = "") =>
        RunCore(action, ex => Report(logger, ex, contextType, context, operation));

    /// <inheritdoc cref="RunAsync(Microsoft.Extensions.Logging.ILogger, string, Func{Task}, Func{object?}?, string)"/>
    public static Task RunAsync(Serilog.ILogger logger, string contextType, Func<Task> action, Func<object?>? context = null,
        [CallerMemberName] string operation = "") =>
        RunCoreAsync(action, ex => Report(logger, ex, contextType, context, operation));

    /// <inheritdoc cref="RunAsync{T}(Microsoft.Extensions.Logging.ILogger, string, Func{Task{T}}, Func{object?}?, string)"/>
    public static Task<T> RunAsync<T>(Serilog.ILogger logger, string contextType, Func<Task<T>> action, Func<object?>? context = null,
        [CallerMemberName] string operation = "") =>
        RunCoreAsync(action, ex => Report(logger, ex, contextType, context, operation));

    /// <inheritdoc cref="RunBackgroundAsync(Microsoft.Extensions.Logging.ILogger, Func{Task}, Func{object?}?, string)"/>
    public static Task RunBackgroundAsync(Serilog.ILogger logger, Func<Task> work, Func<object?>? context = null,
        [CallerMemberName] string operation = "") =>
        RunBackgroundCoreAsync(work, ex => Report(logger, ex, BackgroundTask, context, operation));

    // The capture runs in an exception filter that returns false: nothing is caught, the exception
    // keeps its identity and stack trace, and the throw site's scopes are still alive.
    static void RunCore(Action action, Func<Exception, bool> report)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            action();
        }
        catch (Exception ex) when (report(ex))
        {
            throw;
        }
    }

    static T RunCore<T>(Func<T> action, Func<Exception, bool> report)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return action();
        }
        catch (Exception ex) when (report(ex))
        {
            throw;
        }
    }

    static async Task RunCoreAsync(Func<Task> action, Func<Exception, bool> report)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (report(ex))
        {
            throw;
        }
    }

    static async Task<T> RunCoreAsync<T>(Func<Task<T>> action, Func<Exception, bool> report)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (report(ex))
        {
            throw;
        }
    }

    static async Task RunBackgroundCoreAsync(Func<Task> work, Func<Exception, bool> report)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            report(ex);
        }
    }

    static bool Report(Microsoft.Extensions.Logging.ILogger logger, Exception exception, string contextType, Func<object?>? context, string operation) =>
        Send(
            request => CaptureWriter.Write(logger, LogLevel.Error, request),
            (failure, type, name) =>
            {
                if (logger is not null)
                    FactoryFailedWarning(logger, type, name, failure);
            },
            exception, contextType, context, operation);

    static bool Report(Serilog.ILogger logger, Exception exception, string contextType, Func<object?>? context, string operation) =>
        Send(
            request => CaptureWriter.Write(logger, LogEventLevel.Error, request),
            (failure, type, name) => logger?.Warning(failure, FactoryFailed, type, name),
            exception, contextType, context, operation);

    /// <summary>
    /// Captures the failure with its context (built only now, by the caller's factory) and the calling
    /// method as the <c>code.function</c> tag and <c>function</c> field; returns false, so that it can sit
    /// in an exception filter without catching anything. A factory that throws is logged as a warning;
    /// the original exception still wins.
    /// </summary>
    static bool Send(Func<CaptureRequest, SentryId> write, Action<Exception, string, string> warnFactoryFailed, Exception exception, string contextType,
        Func<object?>? context, string operation)
    {
        try
        {
            object? data = null;
            if (context is not null)
            {
                try
                {
                    data = context();
                }
                catch (Exception factoryFailure)
                {
                    warnFactoryFailed(factoryFailure, contextType, operation);
                }
            }

            var fields = CaptureRequests.Fields([("function", operation)], data);
            var tags = new Dictionary<string, string>(StringComparer.Ordinal) { [FunctionTag] = operation };
            var contextName = string.IsNullOrWhiteSpace(contextType) ? "error" : contextType;
            write(new CaptureRequest(exception, $"{operation} failed", contextName, fields, tags, null));
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: ErrorCapture could not capture a failure of {0}: {1}", operation, ex);
        }
        return false;
    }
}
