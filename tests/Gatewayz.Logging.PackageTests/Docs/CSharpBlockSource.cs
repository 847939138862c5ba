using System.Text;
using System.Text.RegularExpressions;

namespace Gatewayz.Logging.PackageTests.Docs;

/// <summary>
/// Turns a ```csharp block into a C# file of the docs project, by the kind its first line names
/// (<c>// program</c>, <c>// file</c>, else a statement list). Every line taken from the block is
/// preceded by a <c>#line</c> directive, so a compiler error names the markdown file and its line.
/// </summary>
static partial class CSharpBlockSource
{
    /// <summary>What a statement list sees: the usings and variables the documentation conventions promise.</summary>
    static readonly string[] StatementUsings =
    [
        "System", "System.Threading.Tasks", "Microsoft.AspNetCore.Builder", "Microsoft.Extensions.Configuration",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
        "Serilog", "Serilog.Context", "Serilog.Events", "Sentry", "Gatewayz.Logging", "Gatewayz.Logging.Testing",
    ];

    /// <summary>The usings a web project adds beyond the console set the docs project has.</summary>
    static readonly string[] WebUsings =
    [
        "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    public static string Kind(FencedBlock block)
    {
        var first = block.Text.Split('\n', 2)[0].Trim();
        return first.StartsWith("// program", StringComparison.Ordinal) ? "program"
            : first.StartsWith("// file", StringComparison.Ordinal) ? "file"
            : "statements";
    }

    public static string For(FencedBlock block) => Kind(block) switch
    {
        "program" => Program(block),
        "file" => File(block),
        _ => Statements(block),
    };

    /// <summary>
    /// A top-level program cannot share a project with another, so its statements become the body of
    /// <c>Program.RunAsync(string[] args)</c> and its type declarations follow in the same namespace,
    /// one namespace per block. The web SDK's implicit usings are added to the file.
    /// </summary>
    static string Program(FencedBlock block)
    {
        var lines = block.Text.Split('\n');
        var prelude = 0;
        while (prelude < lines.Length && (string.IsNullOrWhiteSpace(lines[prelude]) || lines[prelude].TrimStart().StartsWith("//", StringComparison.Ordinal) || UsingDirective().IsMatch(lines[prelude])))
            prelude++;
        var declarations = prelude;
        while (declarations < lines.Length && !TypeDeclaration().IsMatch(lines[declarations]))
            declarations++;
        // Attributes and doc comments directly above the first declaration belong to it.
        while (declarations > prelude && declarations < lines.Length && (lines[declarations - 1].StartsWith('[') || lines[declarations - 1].StartsWith("///", StringComparison.Ordinal)))
            declarations--;

        var own = lines[..prelude].Select(l => UsingDirective().Match(l)).Where(m => m.Success).Select(m => m.Groups["name"].Value).ToHashSet();
        var source = new StringBuilder();
        foreach (var name in WebUsings.Where(u => !own.Contains(u)))
            source.Append("using ").Append(name).Append(";\n");
        Lines(source, block, lines, 0, prelude);
        source.Append($"namespace GatewayzDocs.{block.Identifier}\n{{\npartial class Program\n{{\n    public static async Task RunAsync(string[] args)\n    {{\n        await Task.CompletedTask;\n");
        Lines(source, block, lines, prelude, declarations);
        source.Append("    }\n}\n");
        Lines(source, block, lines, declarations, lines.Length);
        source.Append("}\n");
        return source.ToString();
    }

    /// <summary>
    /// A whole file; when it declares no namespace, its declarations go in one of their own, so that two
    /// pages may show classes of the same name.
    /// </summary>
    static string File(FencedBlock block)
    {
        var lines = block.Text.Split('\n');
        var source = new StringBuilder();
        if (lines.Any(l => Namespace().IsMatch(l)))
        {
            Lines(source, block, lines, 0, lines.Length);
            return source.ToString();
        }
        source.Append($"namespace GatewayzDocs.{block.Identifier}\n{{\n");
        Lines(source, block, lines, 0, lines.Length);
        source.Append("}\n");
        return source.ToString();
    }

    /// <summary>
    /// A statement list becomes the body of an async method of a class whose fields are the variables the
    /// conventions put in scope; fields rather than parameters, so a block may declare a local of the same name.
    /// </summary>
    static string Statements(FencedBlock block)
    {
        var source = new StringBuilder();
        foreach (var name in StatementUsings)
            source.Append("using ").Append(name).Append(";\n");
        source.Append($"namespace GatewayzDocs;\n\nsealed class {block.Identifier} : StatementScope\n{{\n    async Task RunAsync()\n    {{\n        await Task.CompletedTask;\n");
        var lines = block.Text.Split('\n');
        Lines(source, block, lines, 0, lines.Length);
        source.Append("    }\n}\n");
        return source.ToString();
    }

    static void Lines(StringBuilder source, FencedBlock block, string[] lines, int from, int to)
    {
        if (from >= to)
            return;
        source.Append($"#line {block.FirstLine + from} \"{block.Path}\"\n");
        foreach (var line in lines[from..to])
            source.Append(line).Append('\n');
        source.Append("#line default\n");
    }

    [GeneratedRegex(@"^\s*(global\s+)?using\s+(static\s+)?(?<name>[A-Za-z_][\w.]*)\s*(=\s*[^;]+)?;\s*(//.*)?$")]
    private static partial Regex UsingDirective();

    // Top-level statements come first; the first line that starts a type (at column 0) ends them.
    [GeneratedRegex(@"^((public|internal|file|sealed|static|abstract|partial|readonly|unsafe|ref)\s+)*(class|struct|interface|enum|delegate|record|namespace)\b")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"^\s*namespace\s")]
    private static partial Regex Namespace();
}
