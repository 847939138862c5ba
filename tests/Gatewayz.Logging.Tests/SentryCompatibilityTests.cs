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

    [Theory]
    [MemberData(nameof(LibraryAssemblies))]
    public void The_library_names_no_Sentry_type_in_a_string_and_calls_nothing_through_reflection(string assemblyName)
    {
        // Sentry's public API only: a non-public member is reached by name, through reflection, and is
        // invoked or turned into a delegate. Neither may be in the library's binaries. (Reading a public
        // property by reflection stays allowed: the library reads the app's own objects that way.)
        var assembly = Library(assemblyName);
        var sentryTypes = new[] { typeof(SentrySdk), typeof(SentryLoggingOptions), typeof(SentryAspNetCoreOptions) }
            .SelectMany(a => LoadableTypes(a.Assembly))
            .Select(t => t.FullName)
            .OfType<string>()
            .Where(n => n.Contains('.', StringComparison.Ordinal) && !n.Contains('<', StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        var strings = MetadataStrings.UserStrings(assembly);
        var invocations = MetadataStrings.MemberReferences(assembly)
            .Where(m => m is "MethodBase.Invoke" or "MethodInfo.Invoke" or "ConstructorInfo.Invoke" or "MethodInfo.CreateDelegate"
                or "ConstructorInvoker.Create" or "MethodInvoker.Create" or "PropertyInfo.SetValue"
                or "FieldInfo.GetValue" or "FieldInfo.SetValue" or "Activator.CreateInstance")
            .ToList();

        Assert.NotEmpty(sentryTypes);
        Assert.DoesNotContain(strings, s => sentryTypes.Any(t => s.Contains(t, StringComparison.Ordinal)));
        Assert.Empty(invocations);
    }

    static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
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
