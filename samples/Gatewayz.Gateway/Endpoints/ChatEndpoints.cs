using System.Text.Json;
using Gatewayz.Gateway.Auth;
using Gatewayz.Gateway.Background;
using Gatewayz.Gateway.Failures;
using Gatewayz.Gateway.Providers;
using Gatewayz.Logging;

namespace Gatewayz.Gateway.Endpoints;

/// <summary><c>POST /v1/chat/completions</c>: routed to a provider; a provider failure is captured with its context.</summary>
public static class ChatEndpoints
{
    public static void MapChat(this WebApplication app) => app.MapPost("/v1/chat/completions", CompleteAsync);

    static async Task<IResult> CompleteAsync(ChatRequest request, HttpContext http, ProviderRouter router, ApiKeys keys, UsageRecorder usage, ILogger<ChatRequest> logger)
    {
        var failures = FailureHeader.Read(http.Request);
        if (keys.Authenticate(http.Request) is not { } userId)
            return Results.Json(new { error = "invalid_api_key" }, statusCode: StatusCodes.Status401Unauthorized);
        if (!router.TryRoute(request.Model, out var provider, out var model))
            return Results.Json(new { error = "unknown_provider", model = request.Model }, statusCode: StatusCodes.Status400BadRequest);
        if (failures.HasFlag(FailureMode.Unhandled))
            throw new InvalidOperationException($"Routing table has no healthy deployment for {request.Model}");

        using (logger.BeginScope(new Dictionary<string, object> { ["provider"] = provider.Name, ["model_id"] = model, ["request_type"] = "chat" }))
        {
            logger.LogInformation("Routing chat completion for {model_id} to {provider}", model, provider.Name);
            try
            {
                var reply = await provider.CompleteAsync(model, request, failures);
                usage.Record(userId, request.Model, failures);
                return Results.Ok(reply);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
            {
                var eventId = logger.CaptureProviderError(ex, provider.Name, model, requestId: http.TraceIdentifier, endpoint: provider.Endpoint);
                var status = ex is TaskCanceledException ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway;
                return Results.Json(new { error = "provider_error", provider = provider.Name, event_id = eventId.ToString() }, statusCode: status);
            }
        }
    }
}
