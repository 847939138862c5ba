namespace Gatewayz.Logging.Testing;

/// <summary>The user of an event, as Sentry receives it.</summary>
/// <param name="Id">The user id.</param>
/// <param name="Username">The user name.</param>
/// <param name="Email">The e-mail address.</param>
/// <param name="IpAddress">The IP address.</param>
public sealed record CapturedUser(string? Id, string? Username, string? Email, string? IpAddress);
