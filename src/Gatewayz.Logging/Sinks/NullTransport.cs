using Sentry.Extensibility;
using Sentry.Protocol.Envelopes;

namespace Gatewayz.Logging.Sinks;

/// <summary>The transport behind Spotlight when there is no DSN: events reach Spotlight and nothing else.</summary>
sealed class NullTransport : ITransport
{
    public Task SendEnvelopeAsync(Envelope envelope, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
