using System.Runtime.CompilerServices;
using System.Text;
using Gatewayz.Logging.Testing;
using Gatewayz.Logging.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Extensions.Logging;

namespace Gatewayz.Logging.Tests;

/// <summary>
/// A MEL scope active where an exception was thrown reaches the event of the catch block that logs
/// it, however MEL is routed into Serilog: the library's own provider, Serilog.Extensions.Hosting's
/// <c>UseSerilog</c> and <c>AddSerilog</c>, Serilog.Extensions.Logging's <c>ILoggingBuilder.AddSerilog</c>
/// and <c>SerilogLoggerFactory</c>. The app's Serilog configuration holds only LogContext, the context
/// enricher and the Sentry sink.
/// </summary>
[Collection(SentrySdkCollection.Name)]
public sealed class MelScopeWiringTests
{
    sealed class ChatService;

    public static TheoryData<string, string> Wirings()
    {
        var data = new TheoryData<string, string>();
        foreach (var wiring in new[]
                 {
                     "AddGatewayzLogging", "UseSerilog with Log.Logger", "UseSerilog inline", "services.AddSerilog",
                     "ILoggingBuilder.AddSerilog(logger)", "ILoggingBuilder.AddSerilog(dispose: true)", "SerilogLoggerFactory",
                 })
        {
            data.Add(wiring, "dictionary");
            data.Add(wiring, "message template");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Wirings))]
    public async Task A_scope_active_at_the_throw_reaches_the_catch_block(string wiring, string scope)
    {
        using var env = EnvironmentVariables.Clean();
        using var sentry = SentryCapture.Start();
        await using var app = await App.StartAsync(wiring, sentry);
        var logger = app.Factory.CreateLogger<ChatService>();

        try
        {
            using (scope == "dictionary"
                       ? logger.BeginScope(new Dictionary<string, object> { ["provider"] = "openrouter" })
                       : logger.BeginScope("Calling {provider}", "openrouter"))
            using (logger.BeginScope("Routing attempt {attempt}", 3))
                await CallProviderAsync();
        }
        catch (HttpRequestException ex)
        {
            logger.LogError(ex, "Chat completion failed");
        }

        var evt = sentry.Events.Single(e => e.Message == "Chat completion failed");
        Assert.Equal("openrouter", evt.Tags["provider"]);
        Assert.Equal(3L, evt.Contexts["log"]["attempt"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Hosts_and_their_providers_are_held_weakly_so_that_a_disposed_host_can_be_collected(bool loggedAnException)
    {
        using var env = EnvironmentVariables.Clean();
        using var sentry = SentryCapture.Start();

        var (host, provider) = await RunAndDisposeAsync(sentry, loggedAnException);
        // The logged exception holds its throw-site scopes, and so the provider, while the SDK's worker
        // still holds the event: wait for the worker, then give the collector a generous while.
        Assert.Equal(loggedAnException ? 1 : 0, sentry.Events.Count);
        await CollectAsync(host, provider);

        Assert.False(host.IsAlive);
        Assert.False(provider.IsAlive);
    }

    /// <summary>Collects until both references are dead, for at most ten seconds (a liveness bound, not a timing).</summary>
    static async Task CollectAsync(WeakReference host, WeakReference provider)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            if (!host.IsAlive && !provider.IsAlive)
                return;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
    }

    /// <summary>A host, stopped and disposed, and its Serilog provider; weak references to both.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static async Task<(WeakReference Host, WeakReference Provider)> RunAndDisposeAsync(SentryCapture sentry, bool logAnException)
    {
        var app = await App.StartAsync("ILoggingBuilder.AddSerilog(dispose: true)", sentry);
        var host = new WeakReference(app.BuiltHost);
        var provider = new WeakReference(app.BuiltHost!.Services.GetServices<ILoggerProvider>().OfType<SerilogLoggerProvider>().Single());
        var logger = app.Factory.CreateLogger<ChatService>();
        if (logAnException)
        {
            try
            {
                using (logger.BeginScope(new Dictionary<string, object> { ["provider"] = "openrouter" }))
                    await CallProviderAsync();
            }
            catch (HttpRequestException ex)
            {
                logger.LogError(ex, "Chat completion failed");
            }
        }
        await app.DisposeAsync();
        return (host, provider);
    }

    [Fact]
    public async Task A_host_disposed_before_it_logged_an_exception_is_passed_over_quietly()
    {
        using var env = EnvironmentVariables.Clean();
        using var selfLog = new SelfLogRecorder();
        using var sentry = SentryCapture.Start();
        await (await App.StartAsync("ILoggingBuilder.AddSerilog(dispose: true)", sentry)).DisposeAsync();
        var logger = sentry.CreateLogger<ChatService>();

        try
        {
            using (logger.BeginScope(new Dictionary<string, object> { ["provider"] = "openrouter" }))
                await CallProviderAsync();
        }
        catch (HttpRequestException ex)
        {
            logger.LogError(ex, "Chat completion failed");
        }

        Assert.Equal("openrouter", sentry.Events.Single().Tags["provider"]);
        Assert.DoesNotContain("Gatewayz.Logging", selfLog.Text);
    }

    static async Task CallProviderAsync()
    {
        await Task.Yield();
        throw new HttpRequestException("502 Bad Gateway");
    }

    static LoggerConfiguration Configure(LoggerConfiguration configuration, SentryCapture sentry) =>
        configuration
            .MinimumLevel.Verbose()
            .Enrich.FromLogContext()
            .Enrich.WithGatewayzContext()
            .WriteTo.GatewayzSentry(o => o.Hub = sentry.Hub);

    static Serilog.ILogger CreateLogger(SentryCapture sentry) => Configure(new LoggerConfiguration(), sentry).CreateLogger();

    /// <summary>An app wired one way; disposing it stops the host and puts the static logger back.</summary>
    sealed class App : IAsyncDisposable
    {
        readonly IHost? _host;
        readonly IDisposable? _owned;

        App(ILoggerFactory factory, IHost? host, IDisposable? owned)
        {
            Factory = factory;
            _host = host;
            _owned = owned;
        }

        public ILoggerFactory Factory { get; }

        public IHost? BuiltHost => _host;

        public static async Task<App> StartAsync(string wiring, SentryCapture sentry)
        {
            if (wiring == "SerilogLoggerFactory")
            {
                var logger = (Serilog.Core.Logger)CreateLogger(sentry);
                return new App(new SerilogLoggerFactory(logger), null, logger);
            }

            var host = wiring switch
            {
                "AddGatewayzLogging" => GatewayzHost(),
                "UseSerilog with Log.Logger" => UseSerilogWithStaticLogger(sentry),
                "UseSerilog inline" => new HostBuilder().UseSerilog((_, _, configuration) => Configure(configuration, sentry)).Build(),
                "services.AddSerilog" => ApplicationHost(b => b.Services.AddSerilog(configuration => Configure(configuration, sentry))),
                "ILoggingBuilder.AddSerilog(logger)" => ApplicationHost(b => b.Logging.ClearProviders().AddSerilog(CreateLogger(sentry), dispose: false)),
                "ILoggingBuilder.AddSerilog(dispose: true)" => ApplicationHost(b => b.Logging.ClearProviders().AddSerilog(CreateLogger(sentry), dispose: true)),
                _ => throw new ArgumentOutOfRangeException(nameof(wiring), wiring, null),
            };
            await host.StartAsync();
            return new App(host.Services.GetRequiredService<ILoggerFactory>(), host, null);
        }

        static IHost UseSerilogWithStaticLogger(SentryCapture sentry)
        {
            Log.Logger = CreateLogger(sentry);
            return new HostBuilder().UseSerilog().Build();
        }

        static IHost GatewayzHost() =>
            ApplicationHost(b =>
            {
                b.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes("""{ "Serilog": { "WriteTo": [] } }""")));
                b.AddGatewayzLogging();
            });

        static IHost ApplicationHost(Action<HostApplicationBuilder> configure)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            configure(builder);
            return builder.Build();
        }

        public async ValueTask DisposeAsync()
        {
            if (_host is not null)
            {
                await _host.StopAsync();
                _host.Dispose();
            }
            else
            {
                Factory.Dispose();
            }
            _owned?.Dispose();
            await Log.CloseAndFlushAsync();
        }
    }
}
