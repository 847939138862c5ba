using System.Globalization;
using Gatewayz.Logging;
using Gatewayz.Logging.Configuration;
using Gatewayz.Logging.Context;
using Gatewayz.Logging.Hosting;
using Gatewayz.Logging.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;

namespace Microsoft.Extensions.Hosting;

/// <summary>The one line that wires Serilog and Sentry into a .NET host.</summary>
public static class GatewayzLoggingHostApplicationBuilderExtensions
{
    /// <summary>
    /// Reads the <c>Serilog</c> and <c>Sentry</c> sections of configuration (with <c>SENTRY_*</c>
    /// environment variables overriding them), builds a Serilog logger with the Gatewayz context
    /// enricher and Sentry sink, routes Microsoft.Extensions.Logging through it (its
    /// <c>Logging:LogLevel</c> filters still apply), initialises Sentry once when enabled and a DSN
    /// is present, and flushes pending events when the host stops. The sinks of the <c>Serilog</c>
    /// section (the console when there are none) are wrapped so that they never write a secret.
    /// </summary>
    /// <param name="builder">The host application builder.</param>
    /// <param name="configure">Adjusts the Sentry options after configuration is read; environment variables still win.</param>
    /// <returns>The builder, to chain further calls.</returns>
    /// <example>
    /// <code>
    /// var builder = WebApplication.CreateBuilder(args);
    /// builder.AddGatewayzLogging();
    /// </code>
    /// </example>
    public static IHostApplicationBuilder AddGatewayzLogging(this IHostApplicationBuilder builder, Action<GatewayzSentryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var configuration = builder.Configuration;
        SerilogSection.RequireUsing(configuration);
        SinkArgumentsCheck.RejectUnknownArguments(configuration);
        var options = new GatewayzSentryOptions { Environment = builder.Environment.EnvironmentName };
        SentryConfigurationSection.Bind(configuration.GetSection(SentryConfigurationSection.Name), options);
        configure?.Invoke(options);

        var status = new List<string>();
        // The Serilog section is read in two parts: everything but its sinks here, and its sinks into a
        // logger of their own wrapped for redaction, so that no text sink writes a secret by default.
        var settingsView = new ConfigurationView(configuration, SerilogSection.Name, child => !IsSinkPart(child));
        var sinksView = new ConfigurationView(configuration, SerilogSection.Name, child => IsSinkPart(child) || child.Equals("Using", StringComparison.OrdinalIgnoreCase));
        // One redaction policy for the logger: keys and PII given anywhere reach every component, those read from either view too.
        var redactor = RedactionPolicies.Register(configuration, options, settingsView, sinksView);

        var loggerConfiguration = new LoggerConfiguration()
            .ReadFrom.Configuration(settingsView);
        if (!SerilogSection.Declares(configuration, "Enrich", "FromLogContext"))
            loggerConfiguration.Enrich.FromLogContext();
        if (!SerilogSection.Declares(configuration, "Enrich", "WithGatewayzContext"))
            loggerConfiguration.Enrich.With(new GatewayzContextEnricher(restoreThrowSite: true, redactor));
        if (!SerilogSection.Declares(configuration, "WriteTo", "GatewayzSentry"))
            loggerConfiguration.WriteTo.Sink(GatewayzSentryLoggerConfigurationExtensions.CreateSink(options, SettingSource.Section(SentryConfigurationSection.Name), status.Add, redactor));

        var sinks = SerilogSection.HasSinks(configuration)
            ? new LoggerConfiguration().MinimumLevel.Verbose()
                .ReadFrom.Configuration(sinksView)
            : new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Console(formatProvider: CultureInfo.CurrentCulture);
        loggerConfiguration.WriteTo.Sink(new RedactingSink(sinks.CreateLogger(), redactor));

        var logger = loggerConfiguration.CreateLogger();
        foreach (var line in status)
            logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "Gatewayz.Logging").Information(line);
        Log.Logger = logger;

        builder.Logging.ClearProviders();
        builder.Logging.AddSerilogRespectingFilters(logger, dispose: true);
        builder.Services.AddSingleton<IHostedService>(new ShutdownFlush(options.ShutdownTimeout));
        return builder;
    }

    static bool IsSinkPart(string child) =>
        child.Equals("WriteTo", StringComparison.OrdinalIgnoreCase) || child.Equals("LevelSwitches", StringComparison.OrdinalIgnoreCase);
}
