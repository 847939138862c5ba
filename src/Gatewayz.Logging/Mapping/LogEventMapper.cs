using System.Collections.Frozen;
using System.Globalization;
using Gatewayz.Logging.Capture;
using Gatewayz.Logging.Redaction;
using Sentry;
using Serilog.Events;

namespace Gatewayz.Logging.Mapping;

/// <summary>
/// The contract, in one place: what a log event becomes in Sentry.
/// <list type="bullet">
/// <item>level: Verbose/Debug → debug, Information → info, Warning → warning, Error → error, Fatal → fatal;</item>
/// <item>message: the template as <c>message</c>, the rendered text as <c>formatted</c>;</item>
/// <item><c>SourceContext</c> → <c>logger</c>; <c>user_id</c> → <c>user.id</c>;</item>
/// <item>scalar properties on the tag list, and explicit <c>SentryTags</c> → tags, made valid for Sentry;</item>
/// <item>structured properties → a context of the same name;</item>
/// <item>the <see cref="System.Diagnostics.Activity"/> ids of the call (MEL's <c>TraceId</c>, <c>SpanId</c>,
/// <c>ParentId</c>, or Serilog's own) → the <c>activity</c> context, apart from Sentry's <c>trace</c>;</item>
/// <item>every other property → the <c>log</c> context, so nothing logged is silently dropped.</item>
/// </list>
/// Every value passes through the <see cref="Redactor"/> first, whether or not the enricher ran.
/// Whatever had to be cut or changed to fit Sentry's limits is marked in the event and reported in
/// one SelfLog line (<see cref="CutReport"/>). Apart from that line, pure: no hub, no scope, no
/// global state beyond the <see cref="SentryEvent"/> it fills.
/// </summary>
sealed class LogEventMapper(FrozenSet<string> tagProperties, Redactor redactor)
{
    static readonly string Version = typeof(LogEventMapper).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Fills <paramref name="sentryEvent"/>; <paramref name="message"/> is the rendered message, secrets masked (<see cref="MessageRenderer.Render(LogEvent, Redactor, bool)"/>).</summary>
    public void Apply(LogEvent logEvent, SentryEvent sentryEvent, string message)
    {
        var report = new CutReport();
        sentryEvent.Level = LevelMapping.ToSentryLevel(logEvent.Level);
        sentryEvent.Message = new SentryMessage
        {
            Message = Cut(redactor.Text(logEvent.MessageTemplate.Text), SentryLimits.MessageLength, "message template", report),
            Formatted = Cut(message, SentryLimits.MessageLength, "message", report),
        };
        sentryEvent.Sdk.AddIntegration("Gatewayz.Logging");
        sentryEvent.Sdk.AddPackage("nuget:Gatewayz.Logging", Version);

        var logFields = new List<KeyValuePair<string, LogEventPropertyValue>>();
        var contexts = new List<KeyValuePair<string, LogEventPropertyValue>>();
        Dictionary<string, object>? activity = null;
        LogEventPropertyValue? explicitTags = null;
        LogEventPropertyValue? explicitContexts = null;
        var tags = new TagBudget(sentryEvent, report);

        foreach (var (name, original) in logEvent.Properties)
        {
            var value = redactor.Property(name, original);
            var property = new KeyValuePair<string, LogEventPropertyValue>(name, value);
            switch (name)
            {
                case PropertyNames.SourceContext when value is ScalarValue { Value: string source }:
                    // Cut at its end, so that it reads from the start as the category it is; the whole name goes to the 'log' context.
                    sentryEvent.Logger = TextCut.WithEllipsis(source, SentryLimits.LoggerLength);
                    if (!ReferenceEquals(sentryEvent.Logger, source))
                        logFields.Add(property);
                    continue;
                case PropertyNames.UserId when value is ScalarValue { Value: not null } user:
                    sentryEvent.User = new SentryUser { Id = Cut(ScalarText.Format(user.Value)!, SentryLimits.TagValueLength, "user id", report) };
                    continue;
                case PropertyNames.EventId:
                    logFields.Add(property);
                    continue;
                case PropertyNames.ActivityTraceId or PropertyNames.ActivitySpanId or PropertyNames.ActivityParentId when value is ScalarValue { Value: string id }:
                    AddActivityId(ref activity, name, id);
                    continue;
                case PropertyNames.SentryEventId when value is ScalarValue { Value: CaptureTicket }:
                    continue;
                case PropertyNames.SentryTags when value is DictionaryValue or StructureValue:
                    explicitTags = value;
                    continue;
                case PropertyNames.SentryContexts when value is DictionaryValue or StructureValue:
                    explicitContexts = value;
                    continue;
            }

            switch (value)
            {
                case ScalarValue { Value: not null } scalar when tagProperties.Contains(name):
                    if (!tags.Set(name, ScalarText.Format(scalar.Value)!))
                        logFields.Add(property);
                    break;
                case StructureValue or DictionaryValue:
                    contexts.Add(property);
                    break;
                default:
                    logFields.Add(property);
                    break;
            }
        }

        if (explicitTags is not null)
        {
            foreach (var (name, value) in BoundedJson.Fields(explicitTags, emptyNullKey: true))
            {
                var safe = redactor.Property(name, value);
                tags.Set(name, safe is ScalarValue s ? ScalarText.Format(s.Value) ?? "null" : ScalarText.Format(safe, SentryLimits.TagValueLength));
            }
        }

        // Explicit contexts come last, so that they win over a structured property of the same name.
        if (explicitContexts is not null)
        {
            foreach (var entry in BoundedJson.Fields(explicitContexts, emptyNullKey: true))
            {
                if (entry.Value is StructureValue or DictionaryValue)
                    contexts.Add(entry);
                else
                    logFields.Add(entry);
            }
        }

        if (activity is null && logEvent.TraceId is { } traceId)
        {
            AddActivityId(ref activity, PropertyNames.ActivityTraceId, traceId.ToHexString());
            if (logEvent.SpanId is { } spanId)
                AddActivityId(ref activity, PropertyNames.ActivitySpanId, spanId.ToHexString());
        }
        if (activity is not null)
            sentryEvent.Contexts[ContextNameRule.ActivityContext] = activity;

        var contextBytes = 0;
        var contextsCut = 0;
        foreach (var (name, value) in contexts)
        {
            var contextName = ContextNameRule.ForProperty(name);
            var json = BoundedJson.WriteObject(BoundedJson.Fields(value), SentryLimits.ContextBytes, SentryLimits.ContextDepth, report, $"context '{contextName}'", (value as StructureValue)?.TypeTag);
            if (contextBytes + json.Length > SentryLimits.AllContextsBytes)
            {
                contextsCut++;
                continue;
            }
            contextBytes += json.Length;
            sentryEvent.Contexts[contextName] = new JsonFragment(json);
        }

        if (contextsCut > 0)
        {
            report.Add($"{contextsCut.ToString("N0", CultureInfo.InvariantCulture)} contexts left out beyond {(SentryLimits.AllContextsBytes / 1024).ToString(CultureInfo.InvariantCulture)} KB of contexts (_truncated_contexts in the 'log' context)");
            logFields.Add(Marker("_truncated_contexts", $"{contextsCut.ToString(CultureInfo.InvariantCulture)} contexts cut at the event size limit"));
        }
        if (tags.Dropped > 0)
        {
            report.Add($"{tags.Dropped.ToString("N0", CultureInfo.InvariantCulture)} tags left out beyond Sentry's limit of {SentryLimits.MaxTags.ToString(CultureInfo.InvariantCulture)} (_truncated_tags in the 'log' context)");
            logFields.Add(Marker("_truncated_tags", $"{tags.Dropped.ToString(CultureInfo.InvariantCulture)} tags cut at the limit of {SentryLimits.MaxTags.ToString(CultureInfo.InvariantCulture)}"));
        }
        tags.Report();

        if (logFields.Count > 0)
            sentryEvent.Contexts[ContextNameRule.LogContext] = new JsonFragment(BoundedJson.WriteObject(logFields, SentryLimits.ContextBytes, SentryLimits.ContextDepth, report, "context 'log'"));

        report.WriteToSelfLog(sentryEvent.EventId.ToString(), sentryEvent.Message.Message ?? "");
    }

    /// <summary>One id of the call's Activity, by its Sentry-style name; an all-zero id (no parent) is left out.</summary>
    static void AddActivityId(ref Dictionary<string, object>? activity, string property, string id)
    {
        if (id.Length == 0 || id.AsSpan().IndexOfAnyExcept('0') < 0)
            return;
        (activity ??= new Dictionary<string, object>(3))[property switch
        {
            PropertyNames.ActivityTraceId => "trace_id",
            PropertyNames.ActivitySpanId => "span_id",
            _ => "parent_id",
        }] = TextCut.WithEllipsis(id, SentryLimits.TagValueLength);
    }

    /// <summary>The text within <paramref name="maxLength"/>, saying how much was cut; the report hears of it.</summary>
    static string Cut(string text, int maxLength, string what, CutReport report)
    {
        var cut = TextCut.WithCount(text, maxLength);
        if (!ReferenceEquals(cut, text))
            report.Add($"{what}: {text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters cut to {maxLength.ToString("N0", CultureInfo.InvariantCulture)} (…[+N chars])");
        return cut;
    }

    static KeyValuePair<string, LogEventPropertyValue> Marker(string name, string text) => new(name, new ScalarValue(text));

    /// <summary>
    /// Sets tags through <see cref="TagRule"/>, within <see cref="SentryLimits.MaxTags"/>, and tells
    /// the report which tags it had to change.
    /// </summary>
    sealed class TagBudget(SentryEvent sentryEvent, CutReport report)
    {
        List<string>? _changedValues;
        List<string>? _renamed;
        List<string>? _unusable;

        public int Dropped { get; private set; }

        /// <summary>True when the tag carries the value unchanged; false when it was altered or not set.</summary>
        public bool Set(string name, string value)
        {
            var key = TagRule.Key(name);
            if (key is null)
            {
                (_unusable ??= []).Add(Short(name));
                return false;
            }
            if (sentryEvent.Tags.Count >= SentryLimits.MaxTags && !sentryEvent.Tags.ContainsKey(key))
            {
                Dropped++;
                return false;
            }
            var valid = TagRule.Value(value);
            sentryEvent.SetTag(key, valid);
            if (!ReferenceEquals(key, name))
                (_renamed ??= []).Add($"{Short(name)} as {key}");
            if (ReferenceEquals(valid, value) || valid == value)
                return true;
            (_changedValues ??= []).Add(key);
            return false;
        }

        public void Report()
        {
            if (_changedValues is not null)
                report.Add($"tag values made valid for Sentry (one line, at most {SentryLimits.TagValueLength.ToString(CultureInfo.InvariantCulture)} characters, never empty; a property's value is kept whole in the 'log' context): {List(_changedValues)}");
            if (_renamed is not null)
                report.Add($"tag keys made valid for Sentry: {List(_renamed)}");
            if (_unusable is not null)
                report.Add($"names with no character Sentry allows in a tag key, not sent as tags: {List(_unusable)}");
        }

        static string List(List<string> names) =>
            names.Count <= 10
                ? string.Join(", ", names)
                : $"{string.Join(", ", names.Take(10))} and {(names.Count - 10).ToString(CultureInfo.InvariantCulture)} more";

        static string Short(string name) => TextCut.WithEllipsis(name, 40);
    }
}
