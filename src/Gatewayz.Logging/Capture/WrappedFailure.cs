using Sentry;
using Serilog.Debugging;

namespace Gatewayz.Logging.Capture;

/// <summary>
/// What <c>ErrorCapture</c> sends when the wrapped call fails: the exception with the given context
/// (built only now, by the caller's factory), the calling method's name as the <c>code.function</c>
/// tag (Sentry's ingestion drops a client tag named <c>function</c>) and field. A factory that throws
/// is logged as a warning; the original exception still wins.
/// </summary>
static class WrappedFailure
{
    public const string FunctionTag = "code.function";

    /// <summary>The warning logged when the context factory itself throws.</summary>
    public const string FactoryFailed = "Building the {ContextType} context for {Operation} failed; the original exception is captured without it";

    /// <summary>Captures and returns false, so that it can sit in an exception filter without catching anything.</summary>
    public static bool Send(Func<CaptureRequest, SentryId> write, Action<Exception, string, string> warnFactoryFailed, Exception exception, string contextType,
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

            var fields = new CaptureFields().Add("function", operation).AddDetails(data).Build();
            var tags = new Dictionary<string, string>(StringComparer.Ordinal) { [FunctionTag] = operation };
            write(new CaptureRequest(exception, $"{operation} failed", ContextName(contextType), fields, tags, null));
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: ErrorCapture could not capture a failure of {0}: {1}", operation, ex);
        }
        return false;
    }

    static string ContextName(string contextType) => string.IsNullOrWhiteSpace(contextType) ? "error" : contextType;
}
