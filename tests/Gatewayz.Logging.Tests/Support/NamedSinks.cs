namespace Gatewayz.Logging.Tests.Support;

/// <summary>
/// Sinks that appsettings.json can name, as Serilog.Settings.Configuration allows for an argument of
/// an abstract type: <c>"sink": "Gatewayz.Logging.Tests.Support.NamedSinks::First, Gatewayz.Logging.Tests"</c>.
/// Use inside <see cref="SentrySdkCollection"/>, and <see cref="Reset"/> first.
/// </summary>
public static class NamedSinks
{
    /// <summary>The test assembly's own name: the suite is also compiled into the Sentry 7 project, under another.</summary>
    static readonly string Assembly = typeof(NamedSinks).Assembly.GetName().Name!;

    public static string FirstReference { get; } = $"{typeof(NamedSinks).FullName}::First, {Assembly}";

    public static string SecondReference { get; } = $"{typeof(NamedSinks).FullName}::Second, {Assembly}";

    public static RenderingSink First { get; private set; } = new();

    public static RenderingSink Second { get; private set; } = new();

    public static void Reset()
    {
        First = new RenderingSink();
        Second = new RenderingSink();
    }
}
