using System.Reflection;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Sentry;
using Sentry.AspNetCore;
using Sentry.Extensions.Logging;

namespace Gatewayz.Logging.Tests;

/// <summary>
/// The packages depend on the oldest Sentry they support, and users run them on any newer one. This
/// suite is compiled twice from the same files: here against 6.13.0, and in Gatewayz.Logging.Tests.Sentry7
/// (with SENTRY7 defined) against 7.0.0, while the library is built against 6.13.0 in both. These
/// tests prove each run is on the Sentry it claims, and that everything the library's binaries use
/// exists, and is still public, in the Sentry that runs: a member 7.0 removed or made internal fails
/// only at run time (MissingMethodException, MethodAccessException), in whichever path calls it.
/// </summary>
public sealed class SentryCompatibilityTests
{
    static readonly Version OldestSupported = new(6, 13, 0, 0);

#if SENTRY7
    static readonly Version Running = new(7, 0, 0, 0);
#else
    static readonly Version Running = OldestSupported;
#endif

    public static TheoryData<string> LibraryAssemblies => ["Gatewayz.Logging", "Gatewayz.Logging.Testing", "Gatewayz.Logging.AspNetCore"];

    static Assembly Library(string name) => name switch
    {
        "Gatewayz.Logging" => typeof(GatewayzSentryOptions).Assembly,
        "Gatewayz.Logging.Testing" => typeof(SentryCapture).Assembly,
        _ => typeof(Microsoft.AspNetCore.Builder.GatewayzRequestContextApplicationBuilderExtensions).Assembly,
    };

    [Fact]
    public void The_tests_run_on_the_Sentry_their_project_pins()
    {
        Assert.Equal(Running, typeof(SentrySdk).Assembly.GetName().Version);
        Assert.Equal(Running, typeof(SentryLoggingOptions).Assembly.GetName().Version);
        Assert.Equal(Running, typeof(SentryAspNetCoreOptions).Assembly.GetName().Version);
    }

    [Fact]
    public void The_internal_Sentry_members_the_library_calls_exist_in_the_Sentry_that_runs()
    {
        // ScopeSnapshot evaluates its scope copy on the logging thread (Sentry.AspNetCore reads the
        // request there); PreparedEvent makes the event on the worker with the id and timestamp of the
        // call. Without them each falls back (to the worker, to the logging thread), so only this test notices.
        Assert.NotNull(Gatewayz.Logging.Sinks.SentryInternals.EvaluateScope);
        Assert.NotNull(Gatewayz.Logging.Sinks.SentryInternals.NewEventWithIdAndTimestamp);
        Assert.True(Gatewayz.Logging.Sinks.PreparedEvent.MadeOnWorker);
    }

    [Fact]
    public void The_library_is_built_against_the_oldest_supported_Sentry()
    {
        var sentry = typeof(GatewayzSentryOptions).Assembly.GetReferencedAssemblies().Single(a => a.Name == "Sentry");

        Assert.Equal(OldestSupported, sentry.Version);
    }

    [Theory]
    [MemberData(nameof(LibraryAssemblies))]
    public void Every_Sentry_type_and_member_the_library_uses_exists_in_the_Sentry_that_runs(string assemblyName)
    {
        var assembly = Library(assemblyName);
        var module = assembly.ManifestModule;
        var references = SentryReferences.Of(assembly);
        var missing = new List<string>();

        Assert.Contains(references, r => !r.IsType);
        foreach (var reference in references)
        {
            try
            {
                var accessible = reference.IsType
                    ? IsAccessible(module.ResolveType(reference.Token))
                    : IsAccessible(module.ResolveMember(reference.Token));
                if (!accessible)
                    missing.Add($"{reference.Name}: no longer public (MethodAccessException when called)");
            }
            catch (Exception e) when (e is MissingMemberException or TypeLoadException)
            {
                missing.Add($"{reference.Name}: {e.Message}");
            }
        }

        Assert.True(missing.Count == 0, $"{assemblyName} uses what Sentry {Running} does not have:\n" + string.Join('\n', missing));
    }

    /// <summary>
    /// Sentry 7.0 made several members internal rather than deleting them; the runtime resolves a call
    /// to one and then refuses it, so a member the library uses must also still be reachable from outside.
    /// </summary>
    static bool IsAccessible(Type type) =>
        type.IsVisible || (type.IsNested && (type.IsNestedFamily || type.IsNestedFamORAssem) && IsAccessible(type.DeclaringType!));

    static bool IsAccessible(MemberInfo? member) => member switch
    {
        MethodBase method => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly,
        FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
        _ => false,
    };

    [Theory]
    [MemberData(nameof(LibraryAssemblies))]
    public void Every_type_of_the_library_loads_on_the_Sentry_that_runs(string assemblyName)
    {
        // A type that implements a Sentry interface, or derives from a Sentry class, fails to load when
        // the interface gained a member or the class changed shape.
        var types = Library(assemblyName).GetTypes();

        Assert.NotEmpty(types);
    }
}
