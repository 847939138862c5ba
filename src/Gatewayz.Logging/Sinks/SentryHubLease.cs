using Gatewayz.Logging.Configuration;
using Sentry;
using Sentry.Extensibility;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// The hub the sink sends through. The SDK is taken, not owned: an explicit hub or an SDK that is
/// already running is used as it is; the SDK is initialised only when a DSN (or Spotlight) is given
/// and nothing runs yet, and then closed by the lease that initialised it.
/// </summary>
sealed class SentryHubLease : IDisposable
{
    /// <summary>A DSN nothing listens on, for Spotlight-only runs: the SDK needs one, the events never use it.</summary>
    public const string SpotlightOnlyDsn = "http://spotlight@127.0.0.1:9/0";

    static readonly object Gate = new();
    IDisposable? _sdk;

    SentryHubLease(IHub hub, IDisposable? sdk, bool initialised)
    {
        Hub = hub;
        _sdk = sdk;
        InitialisedSdk = initialised;
    }

    public IHub Hub { get; }

    /// <summary>True when this lease initialised the SDK (and will close it).</summary>
    public bool InitialisedSdk { get; }

    public static SentryHubLease Acquire(SentrySettings settings)
    {
        if (!settings.Enabled)
            return new SentryHubLease(DisabledHub.Instance, null, false);
        if (settings.Hub is not null)
            return new SentryHubLease(settings.Hub, null, false);

        lock (Gate)
        {
            // Never a second SDK: whoever initialised it (UseSentry, another sink) keeps it.
            if (SentrySdk.IsEnabled || (settings.Dsn is null && settings.SpotlightUrl is null))
                return new SentryHubLease(HubAdapter.Instance, null, false);

            var sdk = SentrySdk.Init(options => Configure(options, settings));
            return new SentryHubLease(HubAdapter.Instance, sdk, true);
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
        options.IsGlobalModeEnabled = false;

        options.AddEventProcessor(new Redaction.SentryEventRedactor(settings.Redactor));

        // The library samples its own events when they are logged; the SDK samples the rest.
        options.SampleRate = null;
        if (settings.SampleRate is { } rate and < 1)
            options.AddEventProcessor(new ForeignEventSampler(rate));

        settings.ConfigureSentry?.Invoke(options);
    }

    public void Dispose()
    {
        lock (Gate)
        {
            _sdk?.Dispose();
            _sdk = null;
        }
    }
}
