using System.Net;
using System.Text.Json;
using Gatewayz.Gateway.Failures;

namespace Gatewayz.Gateway.Providers;

/// <summary>
/// A simulated model provider. It fails the way a real one does when asked: an upstream 5xx (an
/// <see cref="HttpRequestException"/>), a timeout (an <c>HttpClient</c> timeout: a
/// <see cref="TaskCanceledException"/> around a <see cref="TimeoutException"/>), or a malformed body.
/// </summary>
public sealed class ProviderClient(string name, string endpoint)
{
    public string Name { get; } = name;

    public string Endpoint { get; } = endpoint;

    public async Task<ChatReply> CompleteAsync(string model, ChatRequest request, FailureMode failures)
    {
        await Task.Delay(5);
        if (failures.HasFlag(FailureMode.Upstream5xx))
            throw new HttpRequestException($"Response status code does not indicate success: 502 (Bad Gateway) from {Endpoint}.", null, HttpStatusCode.BadGateway);
        if (failures.HasFlag(FailureMode.Timeout))
            throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 30 seconds elapsing.", new TimeoutException("A task was canceled."));
        if (failures.HasFlag(FailureMode.Malformed))
            JsonDocument.Parse("{\"choices\": [{\"message\": ");
        var last = request.Messages?.LastOrDefault()?.Content ?? "";
        return new ChatReply(Name, model, $"({Name}) You said: {last}");
    }
}
