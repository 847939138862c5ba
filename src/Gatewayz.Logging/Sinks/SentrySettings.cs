using System.Collections.Frozen;
using Sentry;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// What the sink runs with: the options as code, configuration and <c>SENTRY_*</c> variables left
/// them, validated (<see cref="Options"/>, read as they are), and the values derived from them.
/// </summary>
sealed class SentrySettings
{
    /// <summary>The validated options, <c>SENTRY_*</c> variables applied; not changed after resolution.</summary>
    public required GatewayzSentryOptions Options { get; init; }

    public required string? Dsn { get; init; }
    public required string? Environment { get; init; }

    public required string? Release { get; init; }
    public required string? SpotlightUrl { get; init; }
    public required Redaction.Redactor Redactor { get; init; }
    public required FrozenSet<string> TagProperties { get; init; }
    public required FrozenSet<string> IgnoredExceptionTypes { get; init; }

    /// <summary>The storm-control budget, or null when it is off.</summary>
    public required (int MaxEvents, TimeSpan Window)? StormControl { get; init; }

    public bool Enabled => Options.Enabled;

    public IHub? Hub => Options.Hub;

    /// <summary>True when the library may initialise the SDK itself: it has a DSN or a Spotlight URL.</summary>
    public bool CanInitialiseSdk => Dsn is not null || SpotlightUrl is not null;

    /// <summary>Why nothing will be sent, when that is known at startup; null when capture is on.</summary>
    public string? OffReason =>
        !Enabled ? "capture is disabled (SENTRY_ENABLED / Enabled is false)"
        : Dsn is null && SpotlightUrl is null && Hub is null && !SentrySdk.IsEnabled
            ? "no DSN is configured (set SENTRY_DSN or the sink's dsn) and no Sentry SDK is running"
            : null;
}
