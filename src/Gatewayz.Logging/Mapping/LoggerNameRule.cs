namespace Gatewayz.Logging.Mapping;

/// <summary>
/// Fits a logger name (<c>SourceContext</c>) into Sentry's 64 characters by dropping leading
/// namespace segments, so the class name, the part people recognise, survives.
/// </summary>
static class LoggerNameRule
{
    public static string Shorten(string name)
    {
        if (name.Length <= SentryLimits.LoggerLength)
            return name;

        const string marker = "…";
        var budget = SentryLimits.LoggerLength - marker.Length;
        var start = name.Length - budget;
        var boundary = name.IndexOf('.', start);
        var tail = boundary > 0 && boundary < name.Length - 1 ? name[(boundary + 1)..] : name[start..];
        return marker + (tail.Length > budget ? tail[^budget..] : tail);
    }
}
