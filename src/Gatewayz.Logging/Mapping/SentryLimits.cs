namespace Gatewayz.Logging.Mapping;

/// <summary>
/// Sentry's ingestion limits, and the budgets the mapping keeps so that an event is never rejected
/// whole (Sentry drops an event over 1 MB).
/// </summary>
static class SentryLimits
{
    public const int TagKeyLength = 32;
    public const int TagValueLength = 200;
    public const int MaxTags = 100;
    public const int LoggerLength = 64;
    public const int MessageLength = 8192;
    public const int ContextBytes = 8 * 1024;
    public const int ContextDepth = 7;
    public const int AllContextsBytes = 256 * 1024;
    public const int ContextNameLength = 100;
    public const int FieldNameLength = 200;
    public const int BreadcrumbMessageLength = 1024;
    public const int BreadcrumbDataBytes = 2 * 1024;
    public const int BreadcrumbValueLength = 512;

    /// <summary>What all exception messages of an event share; each is also at most <see cref="MessageLength"/>.</summary>
    public const int ExceptionValuesLength = 64 * 1024;

    /// <summary>What each exception message keeps at least, however many exceptions share <see cref="ExceptionValuesLength"/>.</summary>
    public const int MinExceptionValueLength = 512;

    /// <summary>Stack frames of all exceptions of an event together (a frame is a few hundred bytes of JSON).</summary>
    public const int MaxStackFrames = 500;

    /// <summary>What each stack trace keeps at least, however many share <see cref="MaxStackFrames"/>.</summary>
    public const int MinStackFrames = 6;
}
