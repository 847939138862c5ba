namespace Gatewayz.Logging.EndToEndTests.Support;

/// <summary>One Spotlight sidecar and one gateway for all end-to-end tests, run one at a time: the Sentry SDK is process-wide.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "End to end";
}
