namespace Gatewayz.Logging.PackageTests.Docs;

/// <summary>One fenced code block of a markdown file.</summary>
/// <param name="Path">The markdown file's full path.</param>
/// <param name="File">The markdown file, relative to the repository root (with <c>/</c>).</param>
/// <param name="FenceLine">The 1-based line of the opening fence.</param>
/// <param name="Language">The fence's info string (<c>csharp</c>, <c>json</c>...).</param>
/// <param name="Text">The block's lines, without the fences; its first line is <c>FenceLine + 1</c>.</param>
sealed record FencedBlock(string Path, string File, int FenceLine, string Language, string Text)
{
    public int FirstLine => FenceLine + 1;

    public string Label => $"{File}:{FenceLine}";

    /// <summary>A C# identifier unique to this block (file and line).</summary>
    public string Identifier =>
        "Block_" + new string(File.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray()) + "_L" + FenceLine;

    /// <summary>Reads every fenced block of <paramref name="path"/>, shown as <paramref name="file"/>.</summary>
    public static IReadOnlyList<FencedBlock> ReadAll(string path, string file)
    {
        var lines = System.IO.File.ReadAllLines(path);
        var blocks = new List<FencedBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            var open = lines[i].TrimStart();
            if (!open.StartsWith("```", StringComparison.Ordinal))
                continue;
            var indent = lines[i].Length - open.Length;
            var end = i + 1;
            while (end < lines.Length && lines[end].Trim() != "```")
                end++;
            if (end == lines.Length)
                throw new InvalidOperationException($"{file}:{i + 1}: the fence opened here is never closed");
            // A block indented under a list item carries that indent on every line.
            var body = lines[(i + 1)..end].Select(l => l.Length >= indent && string.IsNullOrWhiteSpace(l[..indent]) ? l[indent..] : l.TrimStart());
            blocks.Add(new FencedBlock(path, file, i + 1, open[3..].Trim(), string.Join('\n', body)));
            i = end;
        }
        return blocks;
    }
}
