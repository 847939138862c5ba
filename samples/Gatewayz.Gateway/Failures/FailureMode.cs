namespace Gatewayz.Gateway.Failures;

/// <summary>
/// The failures a request can ask for with the <c>X-Gatewayz-Fail</c> header, so that every error
/// path of the gateway can be exercised on demand (several modes separated by commas).
/// </summary>
[Flags]
public enum FailureMode
{
    None = 0,
    /// <summary>The model provider answers 502.</summary>
    Upstream5xx = 1,
    /// <summary>The model provider does not answer in time (an HttpClient timeout).</summary>
    Timeout = 2,
    /// <summary>The model provider answers with JSON that cannot be read.</summary>
    Malformed = 4,
    /// <summary>The database refuses the query.</summary>
    Database = 8,
    /// <summary>Stripe declines the payment.</summary>
    Stripe = 16,
    /// <summary>Redis times out; the request falls back to the database.</summary>
    Cache = 32,
    /// <summary>The usage-recording task that runs after the response fails.</summary>
    Background = 64,
    /// <summary>The endpoint throws and nothing catches it.</summary>
    Unhandled = 128,
}
