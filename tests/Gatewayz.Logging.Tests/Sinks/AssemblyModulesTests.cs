using System.Reflection;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Sentry;
using Serilog;

namespace Gatewayz.Logging.Tests;

/// <summary>
/// The loaded assemblies an event lists (<c>modules</c>) when the sink initialised the SDK: the list
/// the SDK itself would send, kept up to date as assemblies load, and the user's choice of mode kept.
/// </summary>
[Collection(SentrySdkCollection.Name)]
public sealed class AssemblyModulesTests
{
    const string Dsn = "https://public@o0.ingest.sentry.io/42";

    /// <summary>An assembly of the shared framework that nothing in these tests loads.</summary>
    const string LoadedLater = "System.Formats.Tar";

    static Dictionary<string, string> ModulesOf(CapturedEvent evt) =>
        evt.Json.TryGetProperty("modules", out var modules)
            ? modules.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)
            : [];

    /// <summary>What the SDK's own event processor lists, spelled out.</summary>
    static Dictionary<string, string> AsTheSdkLists(Func<Assembly, AssemblyName, string?> version)
    {
        var expected = new Dictionary<string, string>();
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic))
        {
            var name = assembly.GetName();
            if (name.Name is not null && version(assembly, name) is { } value && !string.IsNullOrWhiteSpace(value))
                expected[name.Name] = value;
        }
        return expected;
    }

    static List<CapturedEvent> LogErrors(Action<SentryOptions>? configure, params Action[] before)
    {
        using var env = EnvironmentVariables.Clean();
        var transport = new RecordingTransport();
        using (var logger = new LoggerConfiguration()
            .WriteTo.GatewayzSentry(o =>
            {
                o.Dsn = Dsn;
                o.ConfigureSentry = s =>
                {
                    s.Transport = transport;
                    configure?.Invoke(s);
                };
            })
            .CreateLogger())
        {
            foreach (var step in before)
            {
                step();
                logger.Error(new InvalidOperationException("upstream"), "Provider call failed");
                Assert.True(GatewayzSentry.FlushAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult());
            }
        }
        return [.. transport.Events];
    }

    [Fact]
    public void Each_event_lists_the_loaded_assemblies_and_versions_the_sdk_would_list()
    {
        // The first error loads what capturing needs; the list is compared on the second.
        Dictionary<string, string>? expected = null;
        var events = LogErrors(null, () => { }, () => expected = AsTheSdkLists((_, name) => name.Version?.ToString()));

        var modules = ModulesOf(events[1]);
        Assert.Equal(expected, modules);
        Assert.Equal(typeof(SentrySdk).Assembly.GetName().Version!.ToString(), modules["Sentry"]);
    }

    [Fact]
    public void An_assembly_loaded_after_the_first_event_is_listed_on_the_next()
    {
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == LoadedLater);

        var events = LogErrors(null, () => { }, () => Assembly.Load(LoadedLater));

        Assert.Equal(2, events.Count);
        Assert.DoesNotContain(LoadedLater, ModulesOf(events[0]).Keys);
        var loaded = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == LoadedLater);
        Assert.Equal(loaded.GetName().Version!.ToString(), ModulesOf(events[1])[LoadedLater]);
    }

    [Fact]
    public void The_informational_version_mode_lists_informational_versions()
    {
        Dictionary<string, string>? expected = null;
        var events = LogErrors(
            s => s.ReportAssembliesMode = ReportAssembliesMode.InformationalVersion,
            () => { },
            () => expected = AsTheSdkLists((assembly, name) =>
                assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion is { Length: > 0 } informational
                    ? informational
                    : name.Version?.ToString()));

        var modules = ModulesOf(events[1]);
        Assert.Equal(expected, modules);
        Assert.Equal(
            typeof(SentrySdk).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion,
            modules["Sentry"]);
    }

    [Fact]
    public void The_users_own_event_processors_see_the_modules_as_they_would_with_the_sdks_listing()
    {
        var seen = new ModulesSeen();

        var evt = Assert.Single(LogErrors(s => s.AddEventProcessor(seen), () => { }));

        Assert.Equal(ModulesOf(evt), seen.Modules);
        Assert.Contains("Sentry", seen.Modules.Keys);
    }

    sealed class ModulesSeen : Sentry.Extensibility.ISentryEventProcessor
    {
        public Dictionary<string, string> Modules { get; private set; } = [];

        public SentryEvent? Process(SentryEvent @event)
        {
            Modules = new Dictionary<string, string>(@event.Modules);
            return @event;
        }
    }

    [Fact]
    public void With_assembly_reporting_turned_off_events_list_no_modules()
    {
        var evt = Assert.Single(LogErrors(s => s.ReportAssembliesMode = ReportAssembliesMode.None, () => { }));

        Assert.Empty(ModulesOf(evt));
    }
}
