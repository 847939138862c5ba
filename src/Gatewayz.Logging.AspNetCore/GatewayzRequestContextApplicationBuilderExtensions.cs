using Gatewayz.Logging.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the Gatewayz request context to an ASP.NET Core pipeline.</summary>
public static class GatewayzRequestContextApplicationBuilderExtensions
{
    /// <summary>
    /// Gives each request its own Sentry scope: every event logged during the request carries its
    /// method, URL, route (<c>http.route</c> tag, transaction name), request id (<c>request_id</c>
    /// tag) and a few harmless headers — never cookies, bodies or authorization headers. An
    /// exception that escapes the request becomes exactly one event, marked unhandled. Add it after
    /// routing (in a minimal API, anywhere before the endpoints) and after <c>AddGatewayzLogging</c>.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The builder, to chain further calls.</returns>
    /// <example>
    /// <code>
    /// var app = builder.Build();
    /// app.UseGatewayzRequestContext();
    /// app.MapPost("/v1/chat/completions", ...);
    /// </code>
    /// </example>
    public static IApplicationBuilder UseGatewayzRequestContext(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<RequestContextMiddleware>();
    }
}
