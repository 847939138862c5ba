namespace Gatewayz.Gateway.Failures;

/// <summary>Reads <c>X-Gatewayz-Fail: upstream-5xx, cache</c> into a <see cref="FailureMode"/>.</summary>
public static class FailureHeader
{
    public const string Name = "X-Gatewayz-Fail";

    static readonly Dictionary<string, FailureMode> Modes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["upstream-5xx"] = FailureMode.Upstream5xx,
        ["timeout"] = FailureMode.Timeout,
        ["malformed"] = FailureMode.Malformed,
        ["database"] = FailureMode.Database,
        ["stripe"] = FailureMode.Stripe,
        ["cache"] = FailureMode.Cache,
        ["background"] = FailureMode.Background,
        ["unhandled"] = FailureMode.Unhandled,
    };

    public static FailureMode Read(HttpRequest request)
    {
        var mode = FailureMode.None;
        foreach (var part in request.Headers[Name].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Modes.TryGetValue(part, out var one))
                mode |= one;
        }
        return mode;
    }
}
