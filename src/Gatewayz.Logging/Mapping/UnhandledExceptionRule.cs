using Serilog.Events;

namespace Gatewayz.Logging.Mapping;

/// <summary>
/// Recognises the log events that report an exception nothing caught: ASP.NET Core's exception
/// handler and developer exception page (and the Gatewayz request middleware) log them with EventId
/// name <c>UnhandledException</c>, Kestrel with <c>ApplicationError</c>, a host with
/// <c>BackgroundServiceFaulted</c>. Their events are marked unhandled in Sentry.
/// </summary>
static class UnhandledExceptionRule
{
    static readonly HashSet<string> EventNames = new(StringComparer.Ordinal) { "UnhandledException", "ApplicationError", "BackgroundServiceFaulted" };

    public static bool Applies(LogEvent logEvent) =>
        logEvent.Exception is not null
        && logEvent.Properties.TryGetValue(PropertyNames.EventId, out var eventId)
        && eventId is StructureValue structure
        && structure.Properties.Any(p => p.Name == "Name" && p.Value is ScalarValue { Value: string name } && EventNames.Contains(name));
}
