using Sentry;

namespace Gatewayz.Logging.Mapping;

/// <summary>What one log event becomes in Sentry's Logs: a level, a body, typed attributes.</summary>
/// <remarks>Attribute values are only <see cref="string"/>, <see cref="bool"/>, <see cref="long"/> and <see cref="double"/>.</remarks>
sealed class LogLine(SentryLogLevel level, string body, List<KeyValuePair<string, object>> attributes)
{
    public SentryLogLevel Level { get; } = level;

    public string Body { get; } = body;

    public List<KeyValuePair<string, object>> Attributes { get; } = attributes;

    public object? this[string name] => Attributes.Find(a => a.Key == name) is { Key: not null } found ? found.Value : null;
}
