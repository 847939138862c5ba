using System.Globalization;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Gatewayz.Logging;
using Gatewayz.Logging.Configuration;
using Gatewayz.Logging.Context;
using Gatewayz.Logging.Mel;
using Gatewayz.Logging.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentry;
using Serilog;
using Serilog.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>The one line that wires Serilog and Sentry into a .NET host.</summary>
public static class GatewayzLoggingHostApplicationBuilderExtensions
{
    /// <summary>
    /// Reads the <c>Serilog</c> and <c>Sentry</c> sections of configuration (with <c>SENTRY_*</c>
    /// environment variables overriding them), builds a Serilog logger with the Gatewayz context
    /// enricher and Sentry sink, routes Microsoft.Extensions.Logging through it (its
    /// <c>Logging:LogLevel</c> filters still apply), and flushes pending events when the host stops.
    /// The <c>Serilog</c> section is read as Serilog documents it; its sinks (the console when there
    /// are none) are wrapped so that they never write a secret. The <c>Sentry</c> section is shared
    /// with Sentry's own <c>UseSentry()</c>: whoever initialises the SDK first (<c>UseSentry()</c>,
    /// <c>SentrySdk.Init</c>) owns it, wherever it is called, and the library only captures through
    /// it; only when nothing else does, and a DSN is configured, does the library initialise it, when
    /// the host starts. Sentry's own logging provider is turned off, so that a logged failure is one event.
    /// </summary>
    /// <param name="builder">The host application builder.</param>
    /// <param name="configure">Adjusts the Sentry options after configuration is read; environment variables still win.</param>
    /// <returns>The builder, to chain further calls.</returns>
    /// <example>
    /// <code>
    /// var builder = WebApplication.CreateBuilder(args);
    /// builder.WebHost.UseSentry();      // optional: Sentry's own setup owns the SDK when present
    /// builder.AddGatewayzLogging();
    /// </code>
    /// </example>
    public static IHostApplicationBuilder AddGatewayzLogging(this IHostApplicationBuilder builder, Action<GatewayzSentryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var configuration = builder.Configuration;
        SerilogSection.RequireUsing(configuration);
        SerilogSection.RequireLevels(configuration);
        SinkArgumentsCheck.RejectUnknownArguments(configuration);
        var sentrySection = configuration.GetSection(SentryConfigurationSection.Name);
        var options = new GatewayzSentryOptions { HostEnvironment = builder.Environment.EnvironmentName };
        var warnings = new List<string>();
        SentryConfigurationSection.Bind(sentrySection, options, warnings.Add);
        // A value Sentry's options cannot take is an error now, not when the host starts.
        SentryConfigurationSection.BindSentryKeys(sentrySection, new SentryOptions());
        options.BindSentrySection = sentryOptions => SentryConfigurationSection.BindSentryKeys(sentrySection, sentryOptions);
        configure?.Invoke(options);

        // One redaction policy for the logger: keys and PII given anywhere reach every component.
        var host = new HostLogging(ConfiguredRedaction.Read(configuration, options));
        var redactor = host.Redaction.Logger;
        var loggerConfiguration = ReadSection(new SerilogSectionView(configuration, host));
        if (!SerilogSection.Declares(configuration, "Enrich", "FromLogContext"))
            loggerConfiguration.Enrich.FromLogContext();
        if (!SerilogSection.Declares(configuration, "Enrich", SerilogSection.ContextEnricher))
            loggerConfiguration.Enrich.With(new GatewayzContextEnricher(restoreThrowSite: true, redactor));
        if (!SerilogSection.DeclaresAnywhere(configuration, SerilogSection.SentrySink))
            loggerConfiguration.WriteTo.Sink(GatewayzSentryLoggerConfigurationExtensions.CreateSink(options, SettingSource.Section(SentryConfigurationSection.Name), host, redactor));
        if (!SerilogSection.HasSinks(configuration))
            loggerConfiguration.WriteTo.Sink(LoggerSinkConfiguration.Wrap(inner => new RedactingSink(inner, redactor), wt => wt.Console(formatProvider: CultureInfo.CurrentCulture)));
        var logger = loggerConfiguration.CreateLogger();
        Log.Logger = logger;

        builder.Logging.ClearProviders();
        builder.Logging.AddSerilogRespectingFilters(logger, dispose: true);
        builder.Services.AddSingleton<IPostConfigureOptions<LoggerFilterOptions>>(new SentryLoggerProviderOff(host));
        // SentryOptionsFit runs before every other configuration of Sentry's options, and after all of them.
        builder.Services.AddSingleton(new SentryRedactor(redactor));
        builder.Services.Insert(0, ServiceDescriptor.Singleton(typeof(IConfigureOptions<>), typeof(SentryOptionsFit<>)));
        builder.Services.AddSingleton(typeof(IPostConfigureOptions<>), typeof(SentryOptionsFit<>));
        var status = logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "Gatewayz.Logging");
        foreach (var warning in warnings)
            status.Warning(warning);
        builder.Services.AddSingleton(services => host.Lifetime(services, line => status.Information(line)));
        return builder;
    }

    /// <summary>
    /// The logger the section declares. Serilog calls a sink's configuration method by reflection, which
    /// wraps what the method throws: the library's own error (a bad level in a <c>GatewayzSentry</c>'s
    /// <c>Args</c>) is thrown as it is, so that its message is the first line a person reads.
    /// </summary>
    static LoggerConfiguration ReadSection(Microsoft.Extensions.Configuration.IConfiguration view)
    {
        try
        {
            return new LoggerConfiguration().ReadFrom.Configuration(view);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is ArgumentException inner)
        {
            ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }
    }
}
