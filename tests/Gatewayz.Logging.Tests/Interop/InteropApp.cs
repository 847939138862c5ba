using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sentry;
using Serilog;
using Serilog.Context;
using Serilog.Events;

namespace Gatewayz.Logging.Tests.Interop;

/// <summary>
/// A small ASP.NET Core app on a test server, wired one of the ways real apps are (<see cref="Wiring"/>)
/// with the Sentry SDK owned by one of the usual owners (<see cref="SdkOwner"/>), every owner sending
/// over HTTP to one <see cref="Support.EnvelopeInbox"/>. <c>/chat</c> logs a failure thrown inside a
/// MEL scope and a LogContext push, in a catch block outside them; <c>/boom</c> throws through ASP.NET
/// Core's exception handler.
/// </summary>
public sealed class InteropApp : IAsyncDisposable
{
    public const string Secret = "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    public const string Email = "jane.doe@example.com";
    public const string FailureTemplate = "Chat completion failed for {user_email}";

    readonly WebApplication _app;
    readonly IDisposable? _sdk;

    InteropApp(WebApplication app, IDisposable? sdk)
    {
        _app = app;
        _sdk = sdk;
    }

    /// <summary>The environment each owner gives its SDK; events must carry the owner's.</summary>
    /// <summary>What ASP.NET Core's exception handler logs for the exception it handles.</summary>
    public const string UnhandledLogMessage = "An unhandled exception has occurred while executing the request.";

    public static string EnvironmentOf(SdkOwner owner) => owner switch
    {
        SdkOwner.SentrySdkInit => "init-env",
        SdkOwner.Library => "library-env",
        _ => "usesentry-env",
    };

    public static async Task<InteropApp> StartAsync(Wiring wiring, SdkOwner owner, string dsn)
    {
        var sdk = owner == SdkOwner.SentrySdkInit
            ? SentrySdk.Init(o =>
            {
                o.Dsn = dsn;
                o.Environment = EnvironmentOf(owner);
                o.AutoSessionTracking = false;
            })
            : null;

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Staging" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Settings(wiring, owner, dsn))));

        if (owner == SdkOwner.UseSentryBefore)
            builder.WebHost.UseSentry();
        switch (wiring)
        {
            case Wiring.AddGatewayzLogging:
                builder.AddGatewayzLogging();
                break;
            case Wiring.UseSerilog:
                Log.Logger = CodeLogger(owner, dsn);
                builder.Host.UseSerilog(dispose: true);
                break;
            case Wiring.AddSerilog:
                Log.Logger = CodeLogger(owner, dsn);
                builder.Logging.ClearProviders();
                builder.Logging.AddSerilog(Log.Logger, dispose: true);
                break;
            case Wiring.ReadFromConfiguration:
                builder.Host.UseSerilog((context, _, logger) => logger.ReadFrom.Configuration(context.Configuration), writeToProviders: false);
                break;
        }
        if (owner == SdkOwner.UseSentryAfter)
            builder.WebHost.UseSentry();

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = context => { context.Response.StatusCode = 500; return Task.CompletedTask; } });
        app.MapGet("/chat", Chat);
        app.MapGet("/boom", string () => throw new InvalidOperationException("boom: the router lost its table"));
        await app.StartAsync();
        return new InteropApp(app, sdk);
    }

    public HttpClient CreateClient() => _app.GetTestClient();

    static IResult Chat(ILogger<InteropApp> logger)
    {
        logger.LogInformation("Routing chat request");
        try
        {
            using (logger.BeginScope(new Dictionary<string, object> { ["provider"] = "openrouter" }))
            using (LogContext.PushProperty("upstream", new { status = 502, region = "us-east" }, destructureObjects: true))
                throw new HttpRequestException($"upstream answered 502 for key {Secret}");
        }
        catch (HttpRequestException ex)
        {
            // Outside the scopes: the event gets them from where the exception was thrown.
            logger.LogError(ex, FailureTemplate, Email);
        }
        return Results.Ok();
    }

    static Serilog.Core.Logger CodeLogger(SdkOwner owner, string dsn) => new LoggerConfiguration()
        .MinimumLevel.Information()
        .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
        .Enrich.FromLogContext()
        .Enrich.WithGatewayzContext()
        .WriteTo.GatewayzSentry(o =>
        {
            if (owner != SdkOwner.Library)
                return;
            o.Dsn = dsn;
            o.Environment = EnvironmentOf(owner);
        })
        .CreateLogger();

    static string Settings(Wiring wiring, SdkOwner owner, string dsn)
    {
        var sinkArgs = owner == SdkOwner.Library ? $$"""{ "dsn": "{{dsn}}", "environment": "{{EnvironmentOf(owner)}}" }""" : "{}";
        var writeTo = wiring == Wiring.ReadFromConfiguration ? $$"""[ { "Name": "GatewayzSentry", "Args": {{sinkArgs}} } ]""" : "[]";
        var sentry = owner switch
        {
            SdkOwner.SentrySdkInit => "{}",
            // Keys that only Sentry's options know sit beside the library's, as UseSentry() users write them.
            _ => $$"""
                { "Dsn": "{{dsn}}", "Environment": "{{EnvironmentOf(owner)}}", "AttachStacktrace": true, "MaxBreadcrumbs": 50,
                  "DiagnosticLevel": "Warning", "AutoSessionTracking": false, "MinimumEventLevel": "Error" }
                """,
        };
        return $$"""
        {
          "Logging": { "LogLevel": { "Default": "Information", "Microsoft.AspNetCore": "Warning" } },
          "Serilog": {
            "Using": ["Gatewayz.Logging"],
            "MinimumLevel": { "Default": "Information", "Override": { "Microsoft.AspNetCore": "Warning" } },
            "Enrich": ["FromLogContext", "WithGatewayzContext"],
            "WriteTo": {{writeTo}}
          },
          "Sentry": {{sentry}}
        }
        """;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Log.CloseAndFlushAsync();
        // Whoever owned it, the SDK is closed (and so flushed) before the next test.
        await SentrySdk.FlushAsync(TimeSpan.FromSeconds(5));
        _sdk?.Dispose();
        SentrySdk.Close();
    }
}
