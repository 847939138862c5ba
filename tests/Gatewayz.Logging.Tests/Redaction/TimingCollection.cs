using Xunit;

namespace Gatewayz.Logging.Tests.Redaction;

/// <summary>Timing tests run alone, so that other tests do not skew their measurements.</summary>
[CollectionDefinition(nameof(TimingCollection), DisableParallelization = true)]
public sealed class TimingCollection;
