using Sentry;
using Serilog.Events;

namespace Gatewayz.Logging;

/// <summary>
/// Settings of the Gatewayz Sentry sink. Every value can come from code, from the <c>Args</c> of
/// <c>WriteTo.GatewayzSentry</c> in appsettings.json, or from the <c>Sentry</c> section read by
/// <c>AddGatewayzLogging</c>; <c>SENTRY_*</c> environment variables override all of them.
/// </summary>
/// <example>
/// <code>
/// Log.Logger = new LoggerConfiguration()
///     .Enrich.FromLogContext()
///     .Enrich.WithGatewayzContext()
///     .WriteTo.GatewayzSentry(o =>
///     {
///         o.Dsn = "https://public@o0.ingest.sentry.io/1";
///         o.TagProperties.Add("region");
///     })
///     .CreateLogger();
/// </code>
/// </example>
public class GatewayzSentryOptions
{
    /// <summary>The tag names promoted by default: the dimensions Gatewayz failures are filtered by.</summary>
    public static IReadOnlyList<string> DefaultTagProperties { get; } =
    [
        "provider", "operation", "table", "cache_type", "error_type",
        "critical", "user_segment", "request_type", "gateway", "model_id",
    ];

    /// <summary>
    /// The Sentry DSN. When empty, the sink sends through a Sentry SDK initialised elsewhere
    /// (for example by <c>UseSentry</c>), or nowhere. Overridden by <c>SENTRY_DSN</c>.
    /// </summary>
    public string? Dsn { get; set; }

    /// <summary>Turns capture off entirely when false. Default true. Overridden by <c>SENTRY_ENABLED</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The Sentry environment. Falls back to the host's environment name (<c>DOTNET_ENVIRONMENT</c> /
    /// <c>ASPNETCORE_ENVIRONMENT</c>). Overridden by <c>SENTRY_ENVIRONMENT</c>.
    /// </summary>
    public string? Environment { get; set; }

    /// <summary>The release name. Overridden by <c>SENTRY_RELEASE</c>.</summary>
    public string? Release { get; set; }

    /// <summary>
    /// The fraction of error events sent, in [0, 1]; null sends all. The decision is made when the
    /// event is logged, so the id a capture helper returns is always the id Sentry receives.
    /// Overridden by <c>SENTRY_SAMPLE_RATE</c>.
    /// </summary>
    public double? SampleRate { get; set; }

    /// <summary>The fraction of transactions sampled, in [0, 1]. Overridden by <c>SENTRY_TRACES_SAMPLE_RATE</c>.</summary>
    public double? TracesSampleRate { get; set; }

    /// <summary>The fraction of transactions profiled, in [0, 1]. Overridden by <c>SENTRY_PROFILES_SAMPLE_RATE</c>.</summary>
    public double? ProfilesSampleRate { get; set; }

    /// <summary>Turns on the Sentry SDK's own diagnostic output. Overridden by <c>SENTRY_DEBUG</c>.</summary>
    public bool Debug { get; set; }

    /// <summary>
    /// Sends events to a local Spotlight sidecar as well: <c>true</c> for the default address
    /// (http://localhost:8969/stream) or the sidecar's URL. With no DSN, events go to Spotlight only.
    /// Overridden by <c>SENTRY_SPOTLIGHT</c>.
    /// </summary>
    public string? Spotlight { get; set; }

    /// <summary>
    /// Lets personal data through: the Sentry SDK attaches the user's IP and the like, and e-mail and
    /// IP addresses in what is logged are no longer masked. Default false.
    /// </summary>
    public bool SendDefaultPii { get; set; }

    /// <summary>
    /// More keys whose values are always replaced by <c>[Filtered]</c>, added to the default list.
    /// Matching ignores case and separators: <c>apiKey</c>, <c>api-key</c> and <c>API_KEY</c> are one key.
    /// </summary>
    public ISet<string> SensitiveKeys { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Keys that are never filtered by name, even when they look sensitive (values are still scanned).</summary>
    public ISet<string> SafeKeys { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Log events at or above this level become Sentry events. Default <see cref="LogEventLevel.Error"/>.</summary>
    public LogEventLevel MinimumEventLevel { get; set; } = LogEventLevel.Error;

    /// <summary>
    /// Log events at or above this level, and below <see cref="MinimumEventLevel"/>, become breadcrumbs.
    /// Default <see cref="LogEventLevel.Information"/>.
    /// </summary>
    public LogEventLevel MinimumBreadcrumbLevel { get; set; } = LogEventLevel.Information;

    /// <summary>
    /// Sends log events at or above <see cref="MinimumLogLevel"/> to Sentry's Logs as well, each with
    /// its properties as attributes, independently of events and breadcrumbs (an error is an event and
    /// a log line). Default false. Overridden by <c>SENTRY_ENABLE_LOGS</c>.
    /// </summary>
    public bool EnableLogs { get; set; }

    /// <summary>The lowest level sent to Sentry's Logs when <see cref="EnableLogs"/> is on. Default <see cref="LogEventLevel.Information"/>.</summary>
    public LogEventLevel MinimumLogLevel { get; set; } = LogEventLevel.Information;

    /// <summary>
    /// Names of scalar properties that become Sentry tags. Starts as <see cref="DefaultTagProperties"/>;
    /// add to it, or clear it and add your own. Matching is case-sensitive, as Serilog property names are.
    /// </summary>
    public ISet<string> TagProperties { get; } = new HashSet<string>(DefaultTagProperties, StringComparer.Ordinal);

    /// <summary>
    /// How long disposal (<c>Log.CloseAndFlush()</c>, host shutdown) waits for pending events to be
    /// sent. Default 2 seconds.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How many envelopes the Sentry SDK the library initialises may hold while it sends them; beyond
    /// it the SDK drops them (never blocking the app) and counts them in its client reports. An SDK
    /// initialised elsewhere keeps its own <c>MaxQueueItems</c>. Default 1,000.
    /// </summary>
    public int MaxQueueItems { get; set; } = 1000;

    /// <summary>
    /// Full names of exception types never sent as events (subclasses included); they still reach
    /// the other sinks, and become breadcrumbs. Add with <see cref="IgnoreExceptionType{TException}"/>
    /// in code, or list names in <c>ignoredExceptionTypes</c> in appsettings.json.
    /// </summary>
    public ISet<string> IgnoredExceptionTypes { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Sends <see cref="OperationCanceledException"/>s that are not timeouts as events. Default false:
    /// a request the caller cancelled is not an error. An <c>HttpClient</c> timeout (a
    /// <see cref="TaskCanceledException"/> around a <see cref="TimeoutException"/>) is always sent.
    /// </summary>
    public bool CaptureCancellations { get; set; }

    /// <summary>Storm control: a budget of events per error fingerprint and window. On by default.</summary>
    public StormControlOptions StormControl { get; } = new();

    /// <summary>
    /// An explicit hub to send through (for example one resolved from dependency injection). When
    /// null, the sink uses the static <see cref="SentrySdk"/>, initialising it if a DSN is given and
    /// no SDK is running yet.
    /// </summary>
    public IHub? Hub { get; set; }

    /// <summary>
    /// Adjusts the <see cref="SentryOptions"/> used when this sink initialises the Sentry SDK
    /// (transport, proxy, cache directory, before-send hooks). Not called when the SDK was initialised elsewhere.
    /// </summary>
    public Action<SentryOptions>? ConfigureSentry { get; set; }

    /// <summary>The host's environment name: the environment when none is named, for an SDK the library initialises.</summary>
    internal string? HostEnvironment { get; set; }

    /// <summary>Binds the <c>Sentry</c> section's keys that Sentry's own options know, when the library initialises the SDK.</summary>
    internal Action<SentryOptions>? BindSentrySection { get; set; }

    /// <summary>A copy to resolve the settings on; the sets and storm control are shared, and only read.</summary>
    internal GatewayzSentryOptions Copy() => (GatewayzSentryOptions)MemberwiseClone();

    /// <summary>Never sends exceptions of type <typeparamref name="TException"/> (or a subclass) as events.</summary>
    /// <typeparam name="TException">The exception type.</typeparam>
    /// <returns>These options, to chain calls.</returns>
    public GatewayzSentryOptions IgnoreExceptionType<TException>() where TException : Exception
    {
        IgnoredExceptionTypes.Add(typeof(TException).FullName!);
        return this;
    }
}
