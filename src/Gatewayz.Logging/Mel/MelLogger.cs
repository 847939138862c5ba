using System.Diagnostics;
using Gatewayz.Logging.Capture;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace Gatewayz.Logging.Mel;

/// <summary>One MEL category of <see cref="MelLoggerProvider"/>: builds the Serilog event of each call.</summary>
sealed class MelLogger : Microsoft.Extensions.Logging.ILogger
{
    /// <summary>
    /// MEL's <c>EventId</c> as the structure Serilog users know (<c>Id</c>, <c>Name</c>), built once per
    /// distinct id (at most 1,024 kept): an app has a few hundred at most.
    /// </summary>
    static readonly BoundedCache<(int Id, string? Name), StructureValue> EventIds = new(1024, EventIdValue);

    readonly MelLoggerProvider _provider;
    readonly Serilog.ILogger _logger;
    readonly ILogEventSink _pipeline;
    readonly ScalarValue _category;

    public MelLogger(MelLoggerProvider provider, Serilog.ILogger logger, string categoryName)
    {
        _provider = provider;
        // A logger for the category honours Serilog's MinimumLevel:Override rules for it, and decides.
        _logger = logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, categoryName);
        // The event, which carries its SourceContext already, then goes straight into the root logger's
        // enrichers and sinks, as the category logger would pass it on after its own level check.
        _pipeline = logger as ILogEventSink ?? new Forward(_logger);
        _category = new ScalarValue(categoryName);
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => _provider.Scopes.Push(state);

    public bool IsEnabled(LogLevel logLevel) => MelLevels.ToSerilog(logLevel) is { } level && _logger.IsEnabled(level);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (MelLevels.ToSerilog(logLevel) is not { } level || !_logger.IsEnabled(level))
            return;

        LogEvent? logEvent = null;
        try
        {
            logEvent = Build(level, eventId, state, exception, formatter);
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: a Microsoft.Extensions.Logging call could not be turned into a log event: {0}", ex);
        }

        // Serilog keeps a failing sink from throwing into the app (an audit sink throws, as it should).
        if (logEvent is not null)
            _pipeline.Emit(logEvent);
    }

    LogEvent Build<TState>(LogEventLevel level, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var timestamp = DateTimeOffset.Now;
        var properties = new Dictionary<string, LogEventPropertyValue>(8);

        // Scopes first, outermost first, so that inner scopes and then the call's own properties overwrite them.
        var scopeItems = MelScopes.Collect(_provider.Scopes, properties, _logger);
        var template = MelState.AddProperties(state, formatter, properties, _logger);
        if (eventId.Id != 0 || eventId.Name is not null)
            properties[PropertyNames.EventId] = EventIds.Get((eventId.Id, eventId.Name));
        properties[Serilog.Core.Constants.SourceContextPropertyName] = _category;
        if (scopeItems is not null)
            properties.TryAdd(PropertyNames.Scope, new SequenceValue(scopeItems));

        var activity = Activity.Current;
        return LogEvent.UnstableAssembleFromParts(timestamp, level, exception, template, properties,
            activity?.TraceId ?? default, activity?.SpanId ?? default);
    }

    static StructureValue EventIdValue((int Id, string? Name) key)
    {
        var properties = new List<LogEventProperty>(2);
        if (key.Id != 0)
            properties.Add(new LogEventProperty("Id", new ScalarValue(key.Id)));
        if (key.Name is not null)
            properties.Add(new LogEventProperty("Name", new ScalarValue(key.Name)));
        return new StructureValue(properties);
    }

    /// <summary>A Serilog logger that is not Serilog's own: events are written to it, its level checks included.</summary>
    sealed class Forward(Serilog.ILogger logger) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => logger.Write(logEvent);
    }
}
