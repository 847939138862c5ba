namespace Gatewayz.Logging.Configuration;

/// <summary>Names a setting the way the user wrote it, so configuration errors point at the right place.</summary>
sealed class SettingSource
{
    readonly Func<string, string> _describe;

    SettingSource(Func<string, string> describe) => _describe = describe;

    /// <summary>Options built in code.</summary>
    public static SettingSource Code { get; } = new(p => $"GatewayzSentryOptions.{p}");

    /// <summary>Arguments of <c>WriteTo.GatewayzSentry</c>, from code or from the <c>Args</c> of appsettings.json.</summary>
    public static SettingSource SinkArguments { get; } = new(p => $"GatewayzSentry argument '{ArgumentName(p)}'");

    /// <summary>A configuration section such as <c>Sentry</c>.</summary>
    public static SettingSource Section(string path) => new(p => $"configuration '{path}:{p}'");

    public string Describe(string optionName) => _describe(optionName);

    static string ArgumentName(string optionName) =>
        optionName switch
        {
            nameof(GatewayzSentryOptions.TagProperties) => "tags",
            "StormControl.MaxEventsPerFingerprint" => "stormControlMaxEventsPerFingerprint",
            "StormControl.Window" => "stormControlWindow",
            _ => char.ToLowerInvariant(optionName[0]) + optionName[1..],
        };
}
