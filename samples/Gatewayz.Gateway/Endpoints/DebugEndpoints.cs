namespace Gatewayz.Gateway.Endpoints;

/// <summary>
/// <c>GET /sentry-debug</c>, as in the seed: logs an error through the logging integration and
/// answers 200; with <c>?raise_exception=true</c> it raises, and the unhandled exception is captured.
/// </summary>
public static class DebugEndpoints
{
    public static void MapSentryDebug(this WebApplication app) => app.MapGet("/sentry-debug", SentryDebug);

    static IResult SentryDebug(ILogger<DebugMarker> logger, bool raise_exception = false)
    {
        logger.LogError("Sentry debug endpoint called; raise_exception={raise_exception}", raise_exception);
        if (raise_exception)
            throw new DivideByZeroException("Sentry debug: division by zero");
        return Results.Ok(new { status = "logged", message = "An error was logged through the logging integration" });
    }

    /// <summary>The category of the debug endpoint's logs.</summary>
    public sealed class DebugMarker;
}
