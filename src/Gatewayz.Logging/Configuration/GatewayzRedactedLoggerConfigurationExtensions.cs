using Gatewayz.Logging.Configuration;
using Gatewayz.Logging.Redaction;
using Microsoft.Extensions.Configuration;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;

namespace Serilog;

/// <summary>Redacts what text sinks render themselves: the message template's literal text and exceptions.</summary>
public static class GatewayzRedactedLoggerConfigurationExtensions
{
    /// <summary>
    /// Wraps sinks that render text (the console, files) so that secrets in the message template's
    /// literal text and in exception messages and stack traces are masked before they are written;
    /// properties are already redacted by <c>Enrich.WithGatewayzContext()</c>. The app's exceptions
    /// are not modified: a masked copy is rendered instead. <c>AddGatewayzLogging</c> wraps the sinks
    /// of the <c>Serilog</c> section this way. In appsettings.json:
    /// <c>{ "Name": "GatewayzRedacted", "Args": { "configure": [ { "Name": "Console" } ] } }</c>.
    /// </summary>
    /// <param name="sinkConfiguration">The logger's sink configuration.</param>
    /// <param name="configure">Adds the sinks to wrap.</param>
    /// <param name="sensitiveKeys">More keys whose values are always filtered, added to the default list.</param>
    /// <param name="safeKeys">Keys never filtered by name.</param>
    /// <param name="sendDefaultPii">Lets e-mail and IP addresses through unmasked, to the wrapped sinks. Default false.</param>
    /// <param name="restrictedToMinimumLevel">The lowest level passed to the wrapped sinks.</param>
    /// <param name="levelSwitch">A switch that changes <paramref name="restrictedToMinimumLevel"/> at run time.</param>
    /// <param name="configuration">
    /// The app's configuration, passed in by Serilog.Settings.Configuration: the keys listed for the
    /// logger's other Gatewayz components and in the <c>Sentry</c> section apply here too.
    /// </param>
    /// <returns>The logger configuration, to chain further calls.</returns>
    /// <example>
    /// <code>
    /// .WriteTo.GatewayzRedacted(wt => wt.Console())
    /// </code>
    /// </example>
    public static LoggerConfiguration GatewayzRedacted(
        this LoggerSinkConfiguration sinkConfiguration,
        Action<LoggerSinkConfiguration> configure,
        string[]? sensitiveKeys = null,
        string[]? safeKeys = null,
        bool sendDefaultPii = false,
        LogEventLevel restrictedToMinimumLevel = LevelAlias.Minimum,
        LoggingLevelSwitch? levelSwitch = null,
        IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(sinkConfiguration);
        ArgumentNullException.ThrowIfNull(configure);
        var redactor = ConfiguredRedaction.For(configuration, sensitiveKeys, safeKeys, sendDefaultPii);
        var wrapped = LoggerSinkConfiguration.Wrap(inner => new RedactingSink(inner, redactor), configure);
        return sinkConfiguration.Sink(wrapped, restrictedToMinimumLevel, levelSwitch);
    }
}
