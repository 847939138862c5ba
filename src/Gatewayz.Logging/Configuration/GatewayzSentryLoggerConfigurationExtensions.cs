using Gatewayz.Logging;
using Gatewayz.Logging.Configuration;
using Gatewayz.Logging.Redaction;
using Gatewayz.Logging.Sinks;
using Microsoft.Extensions.Configuration;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;

namespace Serilog;

/// <summary>Adds the Gatewayz Sentry sink to a Serilog logger configuration.</summary>
public static class GatewayzSentryLoggerConfigurationExtensions
{
    /// <summary>
    /// Sends log events to Sentry: events at or above <paramref name="minimumEventLevel"/> as Sentry
    /// events, those at or above <paramref name="minimumBreadcrumbLevel"/> as breadcrumbs. Scalar
    /// properties named in the tag list become tags, structured properties become contexts.
    /// <c>SENTRY_*</c> environment variables override the arguments. This overload is the one
    /// appsettings.json calls (<c>"Name": "GatewayzSentry"</c>, with <c>"Using": ["Gatewayz.Logging"]</c>).
    /// </summary>
    /// <param name="sinkConfiguration">The logger's sink configuration.</param>
    /// <param name="dsn">The Sentry DSN; empty to send through an SDK initialised elsewhere. <c>SENTRY_DSN</c> wins.</param>
    /// <param name="minimumEventLevel">The lowest level sent as a Sentry event: Verbose, Debug, Information, Warning, Error (default) or Fatal.</param>
    /// <param name="minimumBreadcrumbLevel">The lowest level kept as a breadcrumb: Verbose, Debug, Information (default), Warning, Error or Fatal.</param>
    /// <param name="enableLogs">Sends log events to Sentry's Logs as well. Default false. <c>SENTRY_ENABLE_LOGS</c> wins.</param>
    /// <param name="minimumLogLevel">The lowest level sent to Sentry's Logs: Verbose, Debug, Information (default), Warning, Error or Fatal.</param>
    /// <param name="environment">The Sentry environment. <c>SENTRY_ENVIRONMENT</c> wins.</param>
    /// <param name="release">The release. <c>SENTRY_RELEASE</c> wins.</param>
    /// <param name="sampleRate">The fraction of error events sent, in [0, 1]. <c>SENTRY_SAMPLE_RATE</c> wins.</param>
    /// <param name="tags">Property names promoted to tags, added to the default list.</param>
    /// <param name="replaceDefaultTags">When true, <paramref name="tags"/> replaces the default list instead of extending it.</param>
    /// <param name="enabled">False turns capture off. <c>SENTRY_ENABLED</c> wins.</param>
    /// <param name="debug">Turns on the SDK's diagnostic output. <c>SENTRY_DEBUG</c> wins.</param>
    /// <param name="spotlight"><c>true</c> or a Spotlight sidecar URL, for local development. <c>SENTRY_SPOTLIGHT</c> wins.</param>
    /// <param name="sendDefaultPii">Lets the SDK attach personal data. Default false.</param>
    /// <param name="tracesSampleRate">The fraction of transactions sampled. <c>SENTRY_TRACES_SAMPLE_RATE</c> wins.</param>
    /// <param name="profilesSampleRate">The fraction of transactions profiled. <c>SENTRY_PROFILES_SAMPLE_RATE</c> wins.</param>
    /// <param name="ignoredExceptionTypes">Full names of exception types never sent as events (subclasses included).</param>
    /// <param name="captureCancellations">Sends cancellations that are not timeouts as events. Default false.</param>
    /// <param name="sensitiveKeys">More keys whose values are always filtered, added to the default list.</param>
    /// <param name="safeKeys">Keys never filtered by name.</param>
    /// <param name="stormControlEnabled">Storm control: false sends every error, however many of one kind. Default true.</param>
    /// <param name="stormControlMaxEventsPerFingerprint">Storm control: events of one fingerprint sent per window. Default 10.</param>
    /// <param name="stormControlWindow">Storm control: the window. Default one minute.</param>
    /// <param name="maxQueueItems">How many envelopes the SDK the sink initialises may hold while it sends them. Default 1,000.</param>
    /// <param name="shutdownTimeout">How long disposal waits for pending events. Default 2 seconds.</param>
    /// <param name="restrictedToMinimumLevel">The lowest level passed to the sink at all.</param>
    /// <param name="levelSwitch">A switch that changes <paramref name="restrictedToMinimumLevel"/> at run time.</param>
    /// <param name="configuration">
    /// The app's configuration, passed in by Serilog.Settings.Configuration: the keys listed for the
    /// logger's other Gatewayz components and in the <c>Sentry</c> section apply here too; and
    /// <c>Args</c> keys that this method, <c>GatewayzRedacted</c> and <c>WithGatewayzContext</c> do not
    /// know, which that library would otherwise drop silently, are rejected.
    /// </param>
    /// <returns>The logger configuration, to chain further calls.</returns>
    /// <example>
    /// <code>
    /// Log.Logger = new LoggerConfiguration()
    ///     .Enrich.FromLogContext()
    ///     .Enrich.WithGatewayzContext()
    ///     .WriteTo.GatewayzSentry(dsn: "https://public@o0.ingest.sentry.io/1", tags: ["region"])
    ///     .CreateLogger();
    /// </code>
    /// </example>
    public static LoggerConfiguration GatewayzSentry(
        this LoggerSinkConfiguration sinkConfiguration,
        string? dsn = null,
        string minimumEventLevel = "Error",
        string minimumBreadcrumbLevel = "Information",
        bool enableLogs = false,
        string minimumLogLevel = "Information",
        string? environment = null,
        string? release = null,
        double? sampleRate = null,
        string[]? tags = null,
        bool replaceDefaultTags = false,
        bool enabled = true,
        bool debug = false,
        string? spotlight = null,
        bool sendDefaultPii = false,
        double? tracesSampleRate = null,
        double? profilesSampleRate = null,
        string[]? ignoredExceptionTypes = null,
        bool captureCancellations = false,
        string[]? sensitiveKeys = null,
        string[]? safeKeys = null,
        bool stormControlEnabled = true,
        int stormControlMaxEventsPerFingerprint = 10,
        TimeSpan? stormControlWindow = null,
        int maxQueueItems = 1000,
        TimeSpan? shutdownTimeout = null,
        LogEventLevel restrictedToMinimumLevel = LevelAlias.Minimum,
        LoggingLevelSwitch? levelSwitch = null,
        IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(sinkConfiguration);
        if (configuration is not null)
            SinkArgumentsCheck.RejectUnknownArguments(configuration);

        var options = new GatewayzSentryOptions
        {
            Dsn = dsn,
            MinimumEventLevel = LevelNames.Parse(minimumEventLevel, SettingSource.SinkArguments.Describe(nameof(GatewayzSentryOptions.MinimumEventLevel))),
            MinimumBreadcrumbLevel = LevelNames.Parse(minimumBreadcrumbLevel, SettingSource.SinkArguments.Describe(nameof(GatewayzSentryOptions.MinimumBreadcrumbLevel))),
            EnableLogs = enableLogs,
            MinimumLogLevel = LevelNames.Parse(minimumLogLevel, SettingSource.SinkArguments.Describe(nameof(GatewayzSentryOptions.MinimumLogLevel))),
            Environment = environment,
            Release = release,
            SampleRate = sampleRate,
            Enabled = enabled,
            Debug = debug,
            Spotlight = spotlight,
            SendDefaultPii = sendDefaultPii,
            TracesSampleRate = tracesSampleRate,
            ProfilesSampleRate = profilesSampleRate,
            CaptureCancellations = captureCancellations,
            MaxQueueItems = maxQueueItems,
        };
        foreach (var type in ignoredExceptionTypes ?? [])
            options.IgnoredExceptionTypes.Add(type);
        foreach (var key in sensitiveKeys ?? [])
            options.SensitiveKeys.Add(key);
        foreach (var key in safeKeys ?? [])
            options.SafeKeys.Add(key);
        options.StormControl.Enabled = stormControlEnabled;
        options.StormControl.MaxEventsPerFingerprint = stormControlMaxEventsPerFingerprint;
        if (stormControlWindow is { } window)
            options.StormControl.Window = window;
        if (shutdownTimeout is { } timeout)
            options.ShutdownTimeout = timeout;
        if (replaceDefaultTags)
            options.TagProperties.Clear();
        foreach (var tag in tags ?? [])
            options.TagProperties.Add(tag);

        var redactor = configuration is null ? null : ConfiguredRedaction.For(configuration, sensitiveKeys, safeKeys, sendDefaultPii);
        var sink = CreateSink(options, SettingSource.SinkArguments, (configuration as SerilogSectionView)?.Host, redactor: redactor);
        return sinkConfiguration.Sink(sink, restrictedToMinimumLevel, levelSwitch);
    }

    /// <summary>
    /// Sends log events to Sentry, configured in code. <c>SENTRY_*</c> environment variables
    /// override what <paramref name="configure"/> sets.
    /// </summary>
    /// <param name="sinkConfiguration">The logger's sink configuration.</param>
    /// <param name="configure">Sets the sink's options.</param>
    /// <param name="restrictedToMinimumLevel">The lowest level passed to the sink at all.</param>
    /// <param name="levelSwitch">A switch that changes <paramref name="restrictedToMinimumLevel"/> at run time.</param>
    /// <returns>The logger configuration, to chain further calls.</returns>
    /// <example>
    /// <code>
    /// .WriteTo.GatewayzSentry(o =>
    /// {
    ///     o.Dsn = "https://public@o0.ingest.sentry.io/1";
    ///     o.MinimumEventLevel = LogEventLevel.Warning;
    ///     o.TagProperties.Add("region");
    /// })
    /// </code>
    /// </example>
    public static LoggerConfiguration GatewayzSentry(
        this LoggerSinkConfiguration sinkConfiguration,
        Action<GatewayzSentryOptions> configure,
        LogEventLevel restrictedToMinimumLevel = LevelAlias.Minimum,
        LoggingLevelSwitch? levelSwitch = null)
    {
        ArgumentNullException.ThrowIfNull(sinkConfiguration);
        ArgumentNullException.ThrowIfNull(configure);

        var options = new GatewayzSentryOptions();
        configure(options);
        return sinkConfiguration.Sink(CreateSink(options, SettingSource.Code), restrictedToMinimumLevel, levelSwitch);
    }

    // host: the one that builds the sink (AddGatewayzLogging), which decides who owns the SDK when it starts and flushes the sink when it stops.
    // redactor: the one the logger's components share; null for one of the options' own rules.
    internal static GatewayzSentrySink CreateSink(GatewayzSentryOptions options, SettingSource source, HostLogging? host = null, Redactor? redactor = null)
    {
        var sink = new GatewayzSentrySink(SentrySettingsResolver.Resolve(options, source, redactor: redactor), underHost: host is not null);
        host?.Add(sink);
        return sink;
    }
}
