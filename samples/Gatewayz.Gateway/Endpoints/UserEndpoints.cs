using Gatewayz.Gateway.Auth;
using Gatewayz.Gateway.Data;
using Gatewayz.Gateway.Failures;
using Gatewayz.Logging;

namespace Gatewayz.Gateway.Endpoints;

/// <summary>
/// <c>GET /users/{id}/credits</c> reads through the Redis cache (a cache failure is a warning and the
/// request still succeeds) to the database (a database failure is captured with table and operation);
/// <c>POST /users</c> inserts a user.
/// </summary>
public static class UserEndpoints
{
    public static void MapUsers(this WebApplication app)
    {
        app.MapGet("/users/{id}/credits", GetCreditsAsync);
        app.MapPost("/users", CreateAsync);
    }

    static async Task<IResult> GetCreditsAsync(string id, HttpContext http, ApiKeys keys, CreditsCache cache, CreditsStore store, ILogger<CreditsStore> logger)
    {
        if (keys.Authenticate(http.Request) is null)
            return Results.Json(new { error = "invalid_api_key" }, statusCode: StatusCodes.Status401Unauthorized);

        var failures = FailureHeader.Read(http.Request);
        var key = $"user:{id}:credits";
        try
        {
            if (await cache.GetAsync(key, failures) is { } cached)
                return Results.Ok(new { user_id = id, credits = cached, source = "cache" });
        }
        catch (TimeoutException ex)
        {
            logger.CaptureCacheError(ex, "get", key: key, level: LogLevel.Warning);
        }

        try
        {
            var credits = await store.GetCreditsAsync(id, failures);
            cache.Set(key, credits);
            return Results.Ok(new { user_id = id, credits, source = "database" });
        }
        catch (InvalidOperationException ex)
        {
            var eventId = logger.CaptureDatabaseError(ex, "select", "credits", new { user_id = id });
            return Results.Json(new { error = "database_unavailable", event_id = eventId.ToString() }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    static async Task<IResult> CreateAsync(NewUser user, HttpContext http, ApiKeys keys, CreditsStore store, ILogger<CreditsStore> logger)
    {
        if (keys.Authenticate(http.Request) is null)
            return Results.Json(new { error = "invalid_api_key" }, statusCode: StatusCodes.Status401Unauthorized);
        try
        {
            await store.CreateUserAsync(user.UserId, FailureHeader.Read(http.Request));
            return Results.Created($"/users/{user.UserId}/credits", new { user_id = user.UserId });
        }
        catch (InvalidOperationException ex)
        {
            var eventId = logger.CaptureDatabaseError(ex, "insert", "users");
            return Results.Json(new { error = "could_not_create_user", event_id = eventId.ToString() }, statusCode: StatusCodes.Status409Conflict);
        }
    }

    public sealed record NewUser(string UserId);
}
