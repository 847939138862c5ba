namespace Gatewayz.Logging.Tests.Support;

/// <summary>What <see cref="FaultySentryEndpoint"/> does with the next connection or request.</summary>
public enum EndpointBehavior
{
    /// <summary>200: the envelope is read, parsed and counted.</summary>
    Accept,

    /// <summary>Nothing listens on the port: connecting fails with "connection refused". Open connections are reset.</summary>
    RefuseConnections,

    /// <summary>
    /// The request head is read, then nothing more, and no answer ever comes: the connection stays open and
    /// silent until the endpoint stops or starts refusing connections, whatever the behaviour changes to.
    /// </summary>
    Hang,

    /// <summary>500 after reading the whole body.</summary>
    ServerError,

    /// <summary>
    /// 429 with <c>Retry-After</c> and <c>X-Sentry-Rate-Limits</c> when the envelope holds an item of a limited
    /// category (see <see cref="FaultySentryEndpoint.RateLimit"/>); otherwise 200 and counted as accepted.
    /// </summary>
    RateLimited,

    /// <summary>413 after reading the whole body.</summary>
    PayloadTooLarge,

    /// <summary>The head and a few body bytes are read, then the connection is reset (TCP RST) without any response.</summary>
    CloseMidRequest,
}
