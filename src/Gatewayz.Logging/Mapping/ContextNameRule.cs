using System.Collections.Frozen;

namespace Gatewayz.Logging.Mapping;

/// <summary>
/// Which name a structured property gets as a Sentry context. Names Sentry parses as its own types
/// (<c>os</c>, <c>runtime</c>, <c>trace</c>...), the SDK's own contexts, and the catch-all <c>log</c>
/// context never get overwritten: the property lands under <c>log_&lt;name&gt;</c> instead.
/// </summary>
static class ContextNameRule
{
    /// <summary>The one context that holds every property that is neither a tag nor a context of its own.</summary>
    public const string LogContext = "log";

    /// <summary>
    /// The ids of the call's .NET <see cref="System.Diagnostics.Activity"/>, kept apart from the event's
    /// <c>trace</c> context: they are Sentry's trace only under its OpenTelemetry integration.
    /// </summary>
    public const string ActivityContext = "activity";

    /// <summary>Prefix for a context, tag or field whose own name Sentry reserves.</summary>
    public const string ReservedPrefix = "log_";

    static readonly FrozenSet<string> Reserved = new[]
    {
        "os", "runtime", "device", "app", "browser", "gpu", "trace", "response", "feedback", "monitor",
        "profile", "replay", "otel", "cloud_resource", "state", "culture", "flags", "spring", "user", "request",
        LogContext, ActivityContext,
        // The .NET SDK's own contexts.
        "Current Culture", "Current UI Culture", "Memory Info", "ThreadPool Info", "Dynamic Code",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static string ForProperty(string propertyName)
    {
        var name = string.IsNullOrWhiteSpace(propertyName)
            ? "(empty)"
            : TextCut.WithEllipsis(TextCut.RepairSurrogates(propertyName), SentryLimits.ContextNameLength);
        return Reserved.Contains(name) ? ReservedPrefix + name : name;
    }
}
