using System.Reflection;
using Sentry;
using Sentry.Extensibility;
using Serilog.Debugging;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// The loaded assemblies and their versions on each event (Sentry's <c>modules</c>), the list the
/// SDK sends with <see cref="SentryOptions.ReportAssembliesMode"/>, read once and read again only
/// after another assembly has loaded. The SDK reads every loaded assembly's name on every event;
/// an SDK the library initialises gets this processor in its place.
/// </summary>
sealed class AssemblyModules : ISentryEventProcessor
{
    static int s_loads;

    Snapshot? _snapshot;

    static AssemblyModules() => AppDomain.CurrentDomain.AssemblyLoad += static (_, _) => Interlocked.Increment(ref s_loads);

    /// <summary>
    /// What to list: nothing, each assembly's version, or its informational version. Set once, before
    /// the SDK starts, to the mode the SDK was configured with (whose own listing is then turned off).
    /// </summary>
    public ReportAssembliesMode Mode { get; set; } = ReportAssembliesMode.None;

    public SentryEvent? Process(SentryEvent @event)
    {
        if (Mode == ReportAssembliesMode.None)
            return @event;
        foreach (var (name, version) in Current())
            @event.Modules[name] = version;
        return @event;
    }

    KeyValuePair<string, string>[] Current()
    {
        // Read before the assemblies: one that loads while they are read makes the next event read them again.
        var loads = Volatile.Read(ref s_loads);
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is null || snapshot.Loads != loads)
        {
            snapshot = new Snapshot(loads, Read(Mode));
            Volatile.Write(ref _snapshot, snapshot);
        }
        return snapshot.Modules;
    }

    /// <summary>As the SDK lists them: static assemblies, by simple name (the last of a name wins), without blank versions.</summary>
    static KeyValuePair<string, string>[] Read(ReportAssembliesMode mode)
    {
        var modules = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic)
                continue;
            try
            {
                var name = assembly.GetName();
                var version = mode == ReportAssembliesMode.InformationalVersion
                    ? InformationalVersion(assembly) ?? name.Version?.ToString()
                    : name.Version?.ToString();
                if (name.Name is not null && !string.IsNullOrWhiteSpace(version))
                    modules[name.Name] = version;
            }
            catch (Exception ex)
            {
                SelfLog.WriteLine("Gatewayz.Logging: could not read the name of assembly {0} for the event's modules: {1}", assembly.FullName, ex);
            }
        }
        return [.. modules];
    }

    static string? InformationalVersion(Assembly assembly)
    {
        try
        {
            return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion is { Length: > 0 } version ? version : null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }

    sealed record Snapshot(int Loads, KeyValuePair<string, string>[] Modules);
}
