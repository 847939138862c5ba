using System.Text.RegularExpressions;
using Gatewayz.Logging.Tests.Support;

namespace Gatewayz.Logging.Tests;

/// <summary>
/// The library's folders follow the flow, as docs/architecture.md draws it: each uses only the
/// folders before it in <see cref="Layers"/>, so that there is no cycle between them. A type is known
/// by its file's name (one type per file); string literals and comments do not count.
/// </summary>
public sealed partial class ArchitectureTests
{
    static readonly string[] Layers = ["Redaction", "Capture", "Mapping", "Context", "Mel", "Sinks", "Configuration"];

    [Fact]
    public void Each_folder_uses_only_the_folders_before_it()
    {
        var library = Path.Combine(Repository.Root, "src", "Gatewayz.Logging");
        var files = Directory.GetFiles(library, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path: f, Folder: Path.GetRelativePath(library, Path.GetDirectoryName(f)!), Type: Path.GetFileNameWithoutExtension(f)))
            .ToList();
        Assert.All(files.Where(f => f.Folder != "."), f => Assert.Contains(f.Folder, Layers));

        var folderOf = files.Where(f => f.Folder != ".").ToDictionary(f => f.Type, f => f.Folder, StringComparer.Ordinal);
        var upward = new List<string>();
        foreach (var file in files.Where(f => f.Folder != "."))
        {
            var code = Code(File.ReadAllText(file.Path));
            var layer = Array.IndexOf(Layers, file.Folder);
            foreach (var (type, folder) in folderOf)
            {
                if (Array.IndexOf(Layers, folder) > layer && Regex.IsMatch(code, $@"\b{type}\b"))
                    upward.Add($"{file.Folder}/{file.Type} uses {folder}/{type}");
            }
        }

        Assert.Empty(upward);
    }

    /// <summary>The source without comments and string literals.</summary>
    static string Code(string source) => Literal().Replace(Comment().Replace(source, ""), "\"\"");

    [GeneratedRegex("//.*")]
    private static partial Regex Comment();

    [GeneratedRegex("""@?"(?:[^"\\\n]|\\.)*"|"{3}[\s\S]*?"{3}""")]
    private static partial Regex Literal();
}
