namespace Gatewayz.Logging.Tests.Support;

/// <summary>Limits and starting state of a <see cref="FaultySentryEndpoint"/>. Every limit has a safe default.</summary>
public sealed class FaultySentryEndpointOptions
{
    /// <summary>The behaviour the endpoint starts with.</summary>
    public EndpointBehavior InitialBehavior { get; init; } = EndpointBehavior.Accept;

    /// <summary>The rule <see cref="EndpointBehavior.RateLimited"/> starts with.</summary>
    public RateLimitRule RateLimit { get; init; } = RateLimitRule.Errors(60);

    /// <summary>The endpoint stops by itself this long after it started (connections reset, port closed).</summary>
    public TimeSpan MaxLifetime { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The endpoint stops by itself when a request beyond this number arrives.</summary>
    public int MaxRequests { get; init; } = 5_000;

    /// <summary>Connections open at once; one more is reset as soon as it is accepted.</summary>
    public int MaxConnections { get; init; } = 64;

    /// <summary>Body bytes kept per request, before and after decompression; a larger body is read and counted, not parsed.</summary>
    public int MaxBodyBytes { get; init; } = 1024 * 1024;
}
