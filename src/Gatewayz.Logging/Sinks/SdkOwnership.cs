using Sentry;
using Sentry.Extensibility;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// Who owns the Sentry SDK a sink sends through, decided once, and the hub to send through. An
/// explicit hub or an SDK that already runs is used as it is; the SDK is initialised only when a DSN
/// (or Spotlight) is given and nothing runs, and then closed by the sink that initialised it. The
/// decision is made when the sink is built in code with a DSN, when the host starts under
/// <c>AddGatewayzLogging</c>, or else at the sink's first event, flush or disposal.
/// </summary>
sealed class SdkOwnership
{
    /// <summary>A DSN nothing listens on, for Spotlight-only runs: the SDK needs one, the events never use it.</summary>
    public const string SpotlightOnlyDsn = "http://spotlight@127.0.0.1:9/0";

    /// <summary>
    /// How long one request to Sentry may take: the SDK sends one envelope at a time, and a Sentry that
    /// never answers would hold everything queued behind it for the HttpClient's default 100 s.
    /// </summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    static readonly object Gate = new();
    readonly SentrySettings _settings;
    int _decided;
    IDisposable? _sdk;
    SentryOptions? _options;

    SdkOwnership(IHub hub, SentrySettings settings)
    {
        Hub = hub;
        _settings = settings;
    }

    public IHub Hub { get; }

    /// <summary>True once it is known who owns the SDK.</summary>
    public bool IsDecided => Volatile.Read(ref _decided) != 0;

    /// <summary>True when this sink initialised the SDK (and will close it). Meaningful once decided.</summary>
    public bool OwnsSdk => Volatile.Read(ref _options) is not null;

    /// <summary>The one line that says what became of Sentry, once decided: on and whose, or off and why.</summary>
    public string? Status { get; private set; }

    /// <summary>True once decided with nothing to send through: capture is off, and <see cref="Status"/> says why.</summary>
    public bool IsOff { get; private set; }

    /// <summary>
    /// True when off only because no SDK ran when it was decided (not turned off, no hub given):
    /// events go through the SDK the app initialises later (the hub is Sentry's static one), and the
    /// sink says so when it first sees one.
    /// </summary>
    public bool WaitsForAppSdk => IsOff && _settings.Enabled && _settings.Hub is null;

    /// <param name="settings">The sink's settings.</param>
    /// <param name="deferred">Leave the decision to <see cref="Decide"/> even when a DSN is given (under a host).</param>
    public static SdkOwnership For(SentrySettings settings, bool deferred)
    {
        var ownership = new SdkOwnership(!settings.Enabled ? DisabledHub.Instance : settings.Hub ?? HubAdapter.Instance, settings);
        if (!settings.Enabled || settings.Hub is not null || (!deferred && settings.CanInitialiseSdk))
            ownership.Decide();
        return ownership;
    }

    /// <summary>Decides, once, who owns the SDK: whoever already runs it, else this sink when it has a DSN, else nobody.</summary>
    public void Decide()
    {
        if (IsDecided)
            return;
        lock (Gate)
        {
            if (IsDecided)
                return;
            try
            {
                Status = DecideNow();
            }
            finally
            {
                Volatile.Write(ref _decided, 1);
            }
        }
    }

    string DecideNow()
    {
        if (!_settings.Enabled || _settings.Hub is not null)
            return _settings.OffReason is { } off ? Off(StartupStatus.OffMessage(off)) : StartupStatus.ExplicitHubMessage;
        // Never a second SDK: whoever initialised it (UseSentry, SentrySdk.Init, another sink) keeps it.
        if (SentrySdk.IsEnabled)
            return StartupStatus.ForeignSdkMessage;
        if (!_settings.CanInitialiseSdk)
            return Off(StartupStatus.OffUntilSdkMessage(_settings.OffReason ?? "no DSN is configured and no Sentry SDK is running"));

        SentryOptions? initialised = null;
        _sdk = SentrySdk.Init(options =>
        {
            Configure(options, _settings);
            initialised = options;
        });
        Volatile.Write(ref _options, initialised);
        return StartupStatus.OwnSdkMessage(initialised?.Environment);
    }

    string Off(string message)
    {
        IsOff = true;
        return message;
    }

    static void Configure(SentryOptions options, SentrySettings settings)
    {
        // The Sentry section's own keys first (AttachStacktrace, MaxBreadcrumbs...), as Sentry.AspNetCore
        // would bind them; the library's settings and the app's ConfigureSentry after, so that they win.
        settings.Options.BindSentrySection?.Invoke(options);

        options.Dsn = settings.Dsn ?? SpotlightOnlyDsn;
        if (settings.Dsn is null)
            options.Transport = new NullTransport();
        if (settings.SpotlightUrl is not null)
        {
            options.EnableSpotlight = true;
            options.SpotlightUrl = settings.SpotlightUrl;
        }

        options.Environment = settings.Environment;
        options.Release = settings.Release ?? options.Release;
        options.TracesSampleRate = settings.Options.TracesSampleRate ?? options.TracesSampleRate;
        options.ProfilesSampleRate = settings.Options.ProfilesSampleRate ?? options.ProfilesSampleRate;
        options.Debug = settings.Options.Debug;
        options.SendDefaultPii = settings.Options.SendDefaultPii;
        options.ShutdownTimeout = settings.Options.ShutdownTimeout;
        options.FlushTimeout = settings.Options.ShutdownTimeout;
        options.MaxQueueItems = Math.Max(options.MaxQueueItems, settings.Options.MaxQueueItems);
        // With a CacheDirectoryPath, the SDK's cache keeps 30 envelopes by default and deletes older ones,
        // during an outage and even when it only falls behind: as many as the queue instead.
        options.MaxCacheItems = Math.Max(options.MaxCacheItems, settings.Options.MaxQueueItems);
        options.IsGlobalModeEnabled = false;
        options.ConfigureClient = client => client.Timeout = RequestTimeout;

        // Before the app's ConfigureSentry: a BeforeSendLog of its own takes the place of the library's.
        Redaction.SentryRedaction.AddTo(options, new Redaction.SentryRedactor(settings.Redactor), beforeSendLog: true);

        // The SDK's list of loaded assemblies, without reading every assembly's name again on each event
        // (docs/performance.md); before the user's processors, which see the list as they would have, and
        // in the mode the user leaves set (off stays off).
        var modules = new AssemblyModules();
        options.AddEventProcessor(modules);

        settings.Options.ConfigureSentry?.Invoke(options);

        modules.Mode = options.ReportAssembliesMode;
        options.ReportAssembliesMode = ReportAssembliesMode.None;
    }

    /// <summary>
    /// Waits for <paramref name="hub"/> to send what it holds, never longer than <paramref name="timeout"/>:
    /// the SDK's flush can overrun it (with a cache directory, while it waits to see the network back);
    /// the SDK then goes on sending in the background. True when everything was sent in time, or there
    /// was nothing to wait for.
    /// </summary>
    public static async Task<bool> FlushAsync(IHub hub, TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero || !hub.IsEnabled)
            return true;
        try
        {
            await hub.FlushAsync(timeout).WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// Closes an SDK this sink initialised. The SDK waits up to its <c>ShutdownTimeout</c> for what it
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
