using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sentry;
using Sentry.Extensibility;

namespace Gatewayz.Logging.AspNetCore;

/// <summary>
/// Gives each request a Sentry scope of its own, described by <see cref="RequestScope"/>, so every
/// event logged during the request carries it and nothing of it reaches another request. An
/// exception that escapes the request is logged once, inside that scope, as unhandled (EventId
/// <c>UnhandledException</c>); the framework logging the same exception again afterwards is dropped
/// by the SDK's duplicate detection, so each failure is one event.
/// </summary>
sealed class RequestContextMiddleware(RequestDelegate next, ILogger<RequestContextMiddleware> logger)
{
    static readonly Action<ILogger, string, string, Exception?> Unhandled =
        LoggerMessage.Define<string, string>(LogLevel.Error, new EventId(1, "UnhandledException"), "Unhandled exception on {Method} {Route}");

    readonly HubAdapter _hub = HubAdapter.Instance;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!_hub.IsEnabled)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        using var scope = _hub.PushScope();
        _hub.ConfigureScope(static (s, c) => RequestScope.Describe(s, c), context);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (Report(context, ex))
        {
            throw;
        }
    }

    /// <summary>Logs the escaping exception while the request's scope is still current; never catches it.</summary>
    bool Report(HttpContext context, Exception exception)
    {
        try
        {
            _hub.ConfigureScope(static (s, c) => RequestScope.DescribeRoute(s, c), context);
            var route = (context.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
            Unhandled(logger, context.Request.Method, route, exception);
        }
        catch
        {
            // Reporting must never replace the app's exception.
        }
        return false;
    }
}
