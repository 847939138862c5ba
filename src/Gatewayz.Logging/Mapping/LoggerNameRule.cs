namespace Gatewayz.Logging.Mapping;

/// <summary>
/// Fits a logger name (<c>SourceContext</c>) into Sentry's 64 characters: whole when it fits, else cut
/// at its end with <c>…</c>, so that it reads from the start as the category it is; the mapping keeps
/// the whole name in the <c>log</c> context.
/// </summary>
static class LoggerNameRule
{
    public static string Shorten(string name) => TextCut.WithEllipsis(name, SentryLimits.LoggerLength);
}
