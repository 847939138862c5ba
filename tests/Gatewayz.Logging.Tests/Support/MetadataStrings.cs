using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Gatewayz.Logging.Tests.Support;

/// <summary>What an assembly's metadata holds in text: its string literals, and the members it references by type and name.</summary>
public static class MetadataStrings
{
    /// <summary>Every string literal of the assembly's code.</summary>
    public static IReadOnlyList<string> UserStrings(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var metadata = pe.GetMetadataReader();
        var strings = new List<string>();
        var handle = MetadataTokens.UserStringHandle(1);
        while (!handle.IsNil)
        {
            strings.Add(metadata.GetUserString(handle));
            handle = metadata.GetNextHandle(handle);
        }
        return strings;
    }

    /// <summary>Every member the assembly references in other assemblies, as <c>Type.Member</c>.</summary>
    public static IReadOnlyList<string> MemberReferences(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var metadata = pe.GetMetadataReader();
        var members = new List<string>();
        foreach (var handle in metadata.MemberReferences)
        {
            var member = metadata.GetMemberReference(handle);
            if (member.Parent.Kind == HandleKind.TypeReference)
            {
                var type = metadata.GetTypeReference((TypeReferenceHandle)member.Parent);
                members.Add(metadata.GetString(type.Name) + "." + metadata.GetString(member.Name));
            }
        }
        return members;
    }
}
