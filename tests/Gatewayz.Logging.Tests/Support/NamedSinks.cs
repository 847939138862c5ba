namespace Gatewayz.Logging.Tests.Support;

/// <summary>
/// Sinks that appsettings.json can name, as Serilog.Settings.Configuration allows for an argument of
/// an abstract type: <c>"sink": "Gatewayz.Logging.Tests.Support.NamedSinks::First, Gatewayz.Logging.Tests"</c>.
/// Use inside <see cref="SentrySdkCollection"/>, and <see cref="Reset"/> first.
/// </summary>
public static class NamedSinks
{
    public const string FirstReference = "Gatewayz.Logging.Tests.Support.NamedSinks::First, Gatewayz.Logging.Tests";
    public const string SecondReference = "Gatewayz.Logging.Tests.Support.NamedSinks::Second, Gatewayz.Logging.Tests";

    public static RenderingSink First { get; private set; } = new();

    public static RenderingSink Second { get; private set; } = new();

    public static void Reset()
    {
        First = new RenderingSink();
        Second = new RenderingSink();
    }
}
