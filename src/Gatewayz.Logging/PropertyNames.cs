namespace Gatewayz.Logging;

/// <summary>Log event properties that the mapping reads for a purpose of their own.</summary>
static class PropertyNames
{
    /// <summary>Serilog's logger name; becomes the event's <c>logger</c> and a breadcrumb's category.</summary>
    public const string SourceContext = "SourceContext";

    /// <summary>Becomes the event's <c>user.id</c>.</summary>
    public const string UserId = "user_id";

    /// <summary>MEL's <c>EventId</c>, a structure of <c>Id</c> and <c>Name</c>; kept in the <c>log</c> context.</summary>
    public const string EventId = "EventId";

    /// <summary>Tags requested explicitly (by <c>ErrorContext.PushTag</c> or a capture helper), whatever the tag list says.</summary>
    public const string SentryTags = "SentryTags";

    /// <summary>
    /// Contexts requested explicitly (by <c>ErrorContext.Push</c> or a capture helper), by name. Kept
    /// apart from ordinary properties so that a scope property of the same name (a <c>provider</c> tag
    /// beside a <c>provider</c> context) cannot replace them: Serilog.Extensions.Logging, which an app
    /// may use instead of this library's MEL provider, lets scope properties overwrite an event's own.
    /// </summary>
    public const string SentryContexts = "SentryContexts";

    /// <summary>
    /// Carries a capture helper's explicit capture to the sink (<c>CaptureTicket</c>), whichever thread
    /// the sink runs on; other sinks show it as the Sentry event id. Never part of what Sentry receives.
    /// </summary>
    public const string SentryEventId = "SentryEventId";

    /// <summary>
    /// The <see cref="System.Diagnostics.Activity"/> of the call, as MEL's <c>ActivityTrackingOptions</c>
    /// put it in every scope (ASP.NET Core turns them on): the <c>activity</c> context, not <c>log</c>.
    /// </summary>
    public const string ActivityTraceId = "TraceId";

    /// <inheritdoc cref="ActivityTraceId"/>
    public const string ActivitySpanId = "SpanId";

    /// <inheritdoc cref="ActivityTraceId"/>
    public const string ActivityParentId = "ParentId";

    /// <summary>Where MEL scopes that are not property bags go (as Serilog.Extensions.Logging puts them).</summary>
    public const string Scope = "Scope";
}
