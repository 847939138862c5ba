using Sentry;

namespace Gatewayz.Logging.Mapping;

/// <summary>What one log event becomes in Sentry's Logs: a level, a body, typed attributes.</summary>
/// <remarks>Attribute values are only <see cref="string"/>, <see cref="bool"/>, <see cref="long"/> and <see cref="double"/>.</remarks>
sealed record LogLine(SentryLogLevel Level, string Body, List<KeyValuePair<string, object>> Attributes);
