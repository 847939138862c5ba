using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Gatewayz.Logging.Tests.Support;

/// <summary>
/// What a compiled assembly uses of the Sentry assemblies, read from its metadata: every type it
/// references in them and every member of those types it calls, reads or overrides. Each comes as a
/// token of the assembly's module, which the runtime resolves against the Sentry that is loaded.
/// </summary>
public static class SentryReferences
{
    public static IReadOnlyList<SentryReference> Of(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var metadata = pe.GetMetadataReader();
        var found = new List<SentryReference>();

        foreach (var handle in metadata.TypeReferences)
        {
            if (IsSentry(metadata, handle))
                found.Add(new SentryReference(MetadataTokens.GetToken(handle), IsType: true, TypeName(metadata, handle)));
        }

        foreach (var handle in metadata.MemberReferences)
        {
            var member = metadata.GetMemberReference(handle);
            if (SentryParent(metadata, member.Parent) is { } parent)
            {
                var name = TypeName(metadata, parent) + "." + metadata.GetString(member.Name);
                found.Add(new SentryReference(MetadataTokens.GetToken(handle), IsType: false, name));
            }
        }
        return found;
    }

    /// <summary>The Sentry type a member reference belongs to, directly or as a generic instantiation of it.</summary>
    static TypeReferenceHandle? SentryParent(MetadataReader metadata, EntityHandle parent)
    {
        if (parent.Kind == HandleKind.TypeReference)
            return IsSentry(metadata, (TypeReferenceHandle)parent) ? (TypeReferenceHandle)parent : null;
        if (parent.Kind != HandleKind.TypeSpecification)
            return null;

        var signature = metadata.GetBlobReader(metadata.GetTypeSpecification((TypeSpecificationHandle)parent).Signature);
        if (signature.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance)
            return null;
        signature.ReadSignatureTypeCode(); // class or value type
        var definition = signature.ReadTypeHandle();
        return definition.Kind == HandleKind.TypeReference && IsSentry(metadata, (TypeReferenceHandle)definition)
            ? (TypeReferenceHandle)definition
            : null;
    }

    static bool IsSentry(MetadataReader metadata, TypeReferenceHandle handle)
    {
        var scope = metadata.GetTypeReference(handle).ResolutionScope;
        while (scope.Kind == HandleKind.TypeReference)
            scope = metadata.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
        if (scope.Kind != HandleKind.AssemblyReference)
            return false;
        var name = metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)scope).Name);
        return name == "Sentry" || name.StartsWith("Sentry.", StringComparison.Ordinal);
    }

    static string TypeName(MetadataReader metadata, TypeReferenceHandle handle)
    {
        var type = metadata.GetTypeReference(handle);
        var name = metadata.GetString(type.Name);
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? TypeName(metadata, (TypeReferenceHandle)type.ResolutionScope) + "+" + name
            : metadata.GetString(type.Namespace) + "." + name;
    }
}
