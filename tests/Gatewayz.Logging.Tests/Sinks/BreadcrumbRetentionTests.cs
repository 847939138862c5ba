using System.Runtime.CompilerServices;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Sentry;
using Serilog.Events;

namespace Gatewayz.Logging.Tests;

/// <summary>
/// A breadcrumb's rendered message lives as long as the scope keeps the breadcrumb, and no longer:
/// the library holds no copy of it beside the scope's when no log line will carry it (Sentry's Logs
/// off, or on for higher levels only).
/// </summary>
[Collection(SentrySdkCollection.Name)]
public sealed class BreadcrumbRetentionTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_message_the_scope_has_dropped_is_not_kept_alive_by_the_library(bool logsOnAboveTheLine)
    {
        using var sentry = SentryCapture.Start(o => o.MaxBreadcrumbs = 10);
        // Sentry's Logs on for warnings and above: an Information line is a breadcrumb only.
        var logger = sentry.CreateSerilogLogger(o =>
        {
            o.EnableLogs = logsOnAboveTheLine;
            o.MinimumLogLevel = LogEventLevel.Warning;
        });

        var first = LogOnce(logger);
        // Ten more breadcrumbs push the first one out of the scope.
        for (var i = 0; i < 10; i++)
            logger.Information("Routing request {attempt}", i);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(first.IsAlive);
    }

    /// <summary>Logs one line and returns a weak reference to the message its breadcrumb carries.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static WeakReference LogOnce(Serilog.ILogger logger)
    {
        logger.Information("Routing chat completion to {provider}", "openrouter");
        string? message = null;
        SentrySdk.ConfigureScope(scope => message = scope.Breadcrumbs.Last().Message);
        Assert.Equal("Routing chat completion to openrouter", message);
        return new WeakReference(message);
    }
}
