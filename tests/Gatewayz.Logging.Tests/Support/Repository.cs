namespace Gatewayz.Logging.Tests.Support;

public static class Repository
{
    /// <summary>The repository root: the directory holding Gatewayz.Logging.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string ReadAllText(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    /// <summary>The first fenced block of <paramref name="language"/> after the line containing <paramref name="marker"/>.</summary>
    public static string FencedBlockAfter(string markdown, string marker, string language)
    {
        var start = markdown.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
            throw new InvalidOperationException($"Marker '{marker}' not found.");
        var open = markdown.IndexOf("```" + language, start, StringComparison.Ordinal);
        var bodyStart = markdown.IndexOf('\n', open) + 1;
        var close = markdown.IndexOf("```", bodyStart, StringComparison.Ordinal);
        return markdown[bodyStart..close];
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gatewayz.Logging.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Gatewayz.Logging.sln not found above " + AppContext.BaseDirectory);
    }
}
