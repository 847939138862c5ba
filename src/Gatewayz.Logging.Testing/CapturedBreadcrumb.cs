namespace Gatewayz.Logging.Testing;

/// <summary>One breadcrumb of an event, as Sentry receives it.</summary>
/// <param name="Message">The breadcrumb's message.</param>
/// <param name="Category">Its category (the logger name for log breadcrumbs).</param>
/// <param name="Level">Its level on the wire (<c>debug</c>, <c>info</c>, <c>warning</c>...); null means info.</param>
/// <param name="Type">Its type.</param>
/// <param name="Data">Its data.</param>
public sealed record CapturedBreadcrumb(string? Message, string? Category, string? Level, string? Type, IReadOnlyDictionary<string, string?> Data);
