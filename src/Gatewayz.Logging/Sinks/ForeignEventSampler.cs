using Sentry;
using Sentry.Extensibility;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// Applies the sample rate to events the library did not build (an unhandled exception captured by
/// the SDK itself, say). The library's own events were sampled when they were logged, so that the
/// id a capture helper returns is the id Sentry receives.
/// </summary>
sealed class ForeignEventSampler(double rate) : ISentryEventProcessorWithHint
{
    public SentryEvent? Process(SentryEvent @event) => Random.Shared.NextDouble() < rate ? @event : null;

    public SentryEvent? Process(SentryEvent @event, SentryHint hint) => EventMarker.IsMarked(hint) ? @event : Process(@event);
}
