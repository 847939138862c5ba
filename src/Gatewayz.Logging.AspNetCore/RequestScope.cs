using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sentry;

namespace Gatewayz.Logging.AspNetCore;

/// <summary>
/// What a request contributes to the Sentry scope: method, URL (without credentials; the query is
/// redacted on the way out), route, request id and a short list of harmless headers. Cookies,
/// bodies and authorization headers are never read.
/// </summary>
static class RequestScope
{
    /// <summary>Headers worth knowing when triaging, none of them a credential or personal data.</summary>
    static readonly string[] SafeHeaders = ["User-Agent", "Accept", "Content-Type", "Content-Length", "X-Request-Id", "Traceparent"];

    public const string RequestIdTag = "request_id";
    public const string RouteTag = "http.route";
    public const string MethodTag = "http.method";

    public static void Describe(Scope scope, HttpContext context)
    {
        var request = context.Request;
        scope.Request = new SentryRequest
        {
            Method = request.Method,
            Url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}",
            QueryString = request.QueryString.HasValue ? request.QueryString.Value : null,
        };
        foreach (var name in SafeHeaders)
        {
            if (request.Headers.TryGetValue(name, out var value))
                scope.Request.Headers[name] = value.ToString();
        }
        scope.SetTag(RequestIdTag, context.TraceIdentifier);
        scope.SetTag(MethodTag, request.Method);
        DescribeRoute(scope, context);
    }

    /// <summary>The route is known once routing has run; called again when the request fails.</summary>
    public static void DescribeRoute(Scope scope, HttpContext context)
    {
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route })
        {
            scope.SetTag(RouteTag, route);
            scope.TransactionName = $"{context.Request.Method} {route}";
        }
    }
}
