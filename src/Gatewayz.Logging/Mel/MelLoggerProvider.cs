using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;

namespace Gatewayz.Logging.Mel;

/// <summary>
/// Microsoft.Extensions.Logging into a Serilog logger: each MEL call becomes one Serilog event carrying
/// its message properties, its <c>EventId</c>, its category as <c>SourceContext</c> and the MEL scopes of
/// the moment; message properties win over scope properties, inner scopes over outer ones. Also an
/// enricher, so that a throw site's MEL scopes can be replayed inside its execution context.
/// </summary>
[ProviderAlias("Serilog")]
sealed class MelLoggerProvider : ILoggerProvider, ISupportExternalScope, ILogEventEnricher, IAsyncDisposable
{
    readonly Serilog.ILogger _logger;
    readonly bool _dispose;
    IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <param name="logger">Where the events go.</param>
    /// <param name="dispose">Whether disposing the provider disposes <paramref name="logger"/>.</param>
    public MelLoggerProvider(Serilog.ILogger logger, bool dispose)
    {
        _logger = logger;
        _dispose = dispose;
    }

    /// <summary>The MEL scopes of the current execution context.</summary>
    public IExternalScopeProvider Scopes => Volatile.Read(ref _scopes);

    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new MelLogger(this, _logger, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => Volatile.Write(ref _scopes, scopeProvider);

    /// <summary>Adds the current MEL scopes to <paramref name="logEvent"/>, where it has no property of the same name.</summary>
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        var collected = new Dictionary<string, LogEventPropertyValue>();
        var items = MelScopes.Collect(Scopes, collected, _logger);
        foreach (var (name, value) in collected)
            logEvent.AddPropertyIfAbsent(new LogEventProperty(name, value));
        if (items is not null)
            logEvent.AddPropertyIfAbsent(new LogEventProperty(PropertyNames.Scope, new SequenceValue(items)));
    }

    public void Dispose()
    {
        if (_dispose)
            (_logger as IDisposable)?.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        if (!_dispose)
            return default;
        if (_logger is IAsyncDisposable asynchronous)
            return asynchronous.DisposeAsync();
        (_logger as IDisposable)?.Dispose();
        return default;
    }
}
