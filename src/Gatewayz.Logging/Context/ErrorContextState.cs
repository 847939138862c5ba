using System.Collections.Immutable;

namespace Gatewayz.Logging.Context;

/// <summary>What <c>ErrorContext</c> has pushed in the current async flow, kept to merge nested pushes.</summary>
sealed record ErrorContextState(
    ImmutableDictionary<string, ImmutableDictionary<string, object?>> Contexts,
    ImmutableDictionary<string, string> Tags)
{
    public static readonly ErrorContextState Empty = new(
        ImmutableDictionary.Create<string, ImmutableDictionary<string, object?>>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, string>(StringComparer.Ordinal));
}
