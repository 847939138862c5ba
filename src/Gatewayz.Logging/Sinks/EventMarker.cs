using Sentry;

namespace Gatewayz.Logging.Sinks;

/// <summary>Marks, through the <see cref="SentryHint"/>, the events this library built and already sampled.</summary>
static class EventMarker
{
    public const string HintKey = "Gatewayz.Logging";

    public static SentryHint Create() => new(HintKey, true);

    public static bool IsMarked(SentryHint? hint) => hint is not null && hint.Items.ContainsKey(HintKey);
}
