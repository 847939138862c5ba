using Microsoft.Extensions.Logging;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>Source-free LoggerMessage delegates: the allocation-free way MEL code logs, for a fair comparison.</summary>
public static class MelMessages
{
    public static readonly Action<ILogger, string, Exception?> Disabled =
        LoggerMessage.Define<string>(LogLevel.Debug, new EventId(1, "Disabled"), "Disabled {provider}");

    public static readonly Action<ILogger, string, Exception?> Routing =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(2, "Routing"), "Routing chat completion to {provider}");

    public static readonly Action<ILogger, string, Exception?> Failed =
        LoggerMessage.Define<string>(LogLevel.Error, new EventId(3, "ProviderFailed"), "Provider {provider} request failed");

    public static readonly Action<ILogger, string, Exception?> DatabaseFailed =
        LoggerMessage.Define<string>(LogLevel.Error, new EventId(4, "DatabaseFailed"), "Database {operation} failed");
}
