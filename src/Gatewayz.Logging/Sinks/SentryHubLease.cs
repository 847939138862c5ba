using Gatewayz.Logging.Configuration;
using Sentry;
using Sentry.Extensibility;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// The hub the sink sends through. The SDK is taken, not owned: an explicit hub or an SDK that is
/// already running is used as it is; the SDK is initialised only when a DSN (or Spotlight) is given
/// and nothing runs yet, and then closed by the lease that initialised it.
/// </summary>
sealed class SentryHubLease
{
    /// <summary>A DSN nothing listens on, for Spotlight-only runs: the SDK needs one, the events never use it.</summary>
    public const string SpotlightOnlyDsn = "http://spotlight@127.0.0.1:9/0";

    /// <summary>
    /// How long one request to Sentry may take. The SDK sends one envelope at a time, and its
    /// HttpClient waits 100 s by default: a Sentry that accepts the connection and never answers would
    /// hold everything queued behind it that long. (sentry-java waits 5 s to connect and 5 s to read.)
    /// </summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    static readonly object Gate = new();
    IDisposable? _sdk;
    readonly SentryOptions? _options;

    SentryHubLease(IHub hub, IDisposable? sdk = null, SentryOptions? options = null)
    {
        Hub = hub;
        _sdk = sdk;
        _options = options;
    }

    public IHub Hub { get; }

    /// <summary>True when this lease initialised the SDK (and will close it).</summary>
    public bool InitialisedSdk => _options is not null;

    public static SentryHubLease Acquire(SentrySettings settings)
    {
        if (!settings.Enabled)
            return new SentryHubLease(DisabledHub.Instance);
        if (settings.Hub is not null)
            return new SentryHubLease(settings.Hub);

        lock (Gate)
        {
            // Never a second SDK: whoever initialised it (UseSentry, another sink) keeps it.
            if (SentrySdk.IsEnabled || (settings.Dsn is null && settings.SpotlightUrl is null))
                return new SentryHubLease(HubAdapter.Instance);

            SentryOptions? initialised = null;
            var sdk = SentrySdk.Init(options =>
            {
                Configure(options, settings);
                initialised = options;
            });
            return new SentryHubLease(HubAdapter.Instance, sdk, initialised);
        }
    }

    static void Configure(SentryOptions options, SentrySettings settings)
    {
        options.Dsn = settings.Dsn ?? SpotlightOnlyDsn;
        if (settings.Dsn is null)
            options.Transport = new NullTransport();
        if (settings.SpotlightUrl is not null)
        {
            options.EnableSpotlight = true;
            options.SpotlightUrl = settings.SpotlightUrl;
        }

        options.Environment = settings.Environment;
        options.Release = settings.Release;
        options.TracesSampleRate = settings.TracesSampleRate;
        options.ProfilesSampleRate = settings.ProfilesSampleRate;
        options.Debug = settings.Debug;
        options.SendDefaultPii = settings.SendDefaultPii;
        options.ShutdownTimeout = settings.ShutdownTimeout;
        options.FlushTimeout = settings.ShutdownTimeout;
        options.MaxQueueItems = Math.Max(options.MaxQueueItems, settings.MaxQueueItems);
        // With a CacheDirectoryPath, the SDK's cache keeps 30 envelopes by default and deletes older ones,
        // during an outage and even when it only falls behind: as many as the queue instead.
        options.MaxCacheItems = Math.Max(options.MaxCacheItems, settings.MaxQueueItems);
        options.IsGlobalModeEnabled = false;
        options.ConfigureClient = client => client.Timeout = RequestTimeout;

        options.AddEventProcessor(new Redaction.SentryEventRedactor(settings.Redactor));

        // The library samples its own events when they are logged; the SDK samples the rest.
        options.SampleRate = null;
        if (settings.SampleRate is { } rate and < 1)
            options.AddEventProcessor(new ForeignEventSampler(rate));

        // The SDK's list of loaded assemblies, without reading every assembly's name again on each event
        // (about 50 µs of CPU per error event on the benchmark machine); before the user's processors, which
        // see the list as they would have, and in the mode the user leaves set (off stays off).
        var modules = new AssemblyModules();
        options.AddEventProcessor(modules);

        settings.ConfigureSentry?.Invoke(options);

        modules.Mode = options.ReportAssembliesMode;
        options.ReportAssembliesMode = ReportAssembliesMode.None;
    }

    /// <summary>
    /// Closes an SDK this lease initialised. The SDK waits up to its <c>ShutdownTimeout</c> for what it
    /// still holds, and reads it when it closes: it is given only what is left of the sink's own budget.
    /// </summary>
    public void Close(TimeSpan timeout)
    {
        lock (Gate)
        {
            if (_sdk is null)
                return;
            _options!.ShutdownTimeout = timeout;
            _sdk.Dispose();
            _sdk = null;
        }
    }
}
