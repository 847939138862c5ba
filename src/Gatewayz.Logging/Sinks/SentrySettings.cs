using System.Collections.Frozen;
using Sentry;
using Serilog.Events;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// The validated, immutable result of code, configuration and <c>SENTRY_*</c> variables: what the
/// sink actually runs with.
/// </summary>
sealed class SentrySettings
{
    public required bool Enabled { get; init; }
    public required string? Dsn { get; init; }
    public required string? Environment { get; init; }

    /// <summary>The environment when it was named (option or <c>SENTRY_ENVIRONMENT</c>), not inferred from the host.</summary>
    public required string? ExplicitEnvironment { get; init; }
    public required string? Release { get; init; }
    public required double? SampleRate { get; init; }
    public required double? TracesSampleRate { get; init; }
    public required double? ProfilesSampleRate { get; init; }
    public required bool Debug { get; init; }
    public required string? SpotlightUrl { get; init; }
    public required bool SendDefaultPii { get; init; }
    public required Redaction.Redactor Redactor { get; init; }
    public required LogEventLevel MinimumEventLevel { get; init; }
    public required LogEventLevel MinimumBreadcrumbLevel { get; init; }
    public required FrozenSet<string> TagProperties { get; init; }

    /// <summary>Whether log events also go to Sentry's Logs, and from which level.</summary>
    public bool EnableLogs { get; init; }
    public LogEventLevel MinimumLogLevel { get; init; } = LogEventLevel.Information;
    public required TimeSpan ShutdownTimeout { get; init; }
    public required int MaxQueueItems { get; init; }
    public required FrozenSet<string> IgnoredExceptionTypes { get; init; }
    public required bool CaptureCancellations { get; init; }
    public required IHub? Hub { get; init; }

    /// <summary>The storm-control budget, or null when it is off.</summary>
    public required (int MaxEvents, TimeSpan Window)? StormControl { get; init; }
    public required Action<SentryOptions>? ConfigureSentry { get; init; }

    /// <summary>Applies the keys of the <c>Sentry</c> section that Sentry's own options know, when the library initialises the SDK.</summary>
    public Action<SentryOptions>? BindSentrySection { get; init; }

    /// <summary>True when the library may initialise the SDK itself: it has a DSN or a Spotlight URL.</summary>
    public bool CanInitialiseSdk => Dsn is not null || SpotlightUrl is not null;

    /// <summary>Why nothing will be sent, when that is known at startup; null when capture is on.</summary>
    public string? OffReason =>
        !Enabled ? "capture is disabled (SENTRY_ENABLED / Enabled is false)"
        : Dsn is null && SpotlightUrl is null && Hub is null && !SentrySdk.IsEnabled
            ? "no DSN is configured (set SENTRY_DSN or the sink's dsn) and no Sentry SDK is running"
            : null;
}
