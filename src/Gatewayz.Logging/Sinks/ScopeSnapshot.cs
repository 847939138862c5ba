using Sentry;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// Copies the current Sentry scope on the logging thread, so that the event sent later from the
/// background carries the request, user, breadcrumbs and trace of the moment it was logged.
/// </summary>
static class ScopeSnapshot
{
    public static Scope? Take(IHub hub) => CurrentScope.Of(hub)?.Clone();
}
