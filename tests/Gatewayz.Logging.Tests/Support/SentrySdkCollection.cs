namespace Gatewayz.Logging.Tests.Support;

/// <summary>
/// Tests that touch the static Sentry SDK (or process-wide state such as environment variables)
/// run one at a time, in this collection, as sentry-dotnet's own tests do.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SentrySdkCollection
{
    public const string Name = "Sentry SDK";
}
