namespace Gatewayz.Logging;

/// <summary>
/// Keeps an error storm (a provider down, every request failing the same way) from flooding Sentry
/// and costing the app: beyond <see cref="MaxEventsPerFingerprint"/> events per <see cref="Window"/>,
/// errors with the same fingerprint (exception type, throw site, message template, and the
/// <c>provider</c> and <c>operation</c> tags) are counted instead of sent, and the next one sent
/// says how many were suppressed and since when.
/// </summary>
public class StormControlOptions
{
    /// <summary>On by default.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many events of one fingerprint are sent per window. Default 10.</summary>
    public int MaxEventsPerFingerprint { get; set; } = 10;

    /// <summary>The window the budget applies to. Default one minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
