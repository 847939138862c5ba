namespace Gatewayz.Logging.Tests.Interop;

/// <summary>How the app wires Serilog and the library.</summary>
public enum Wiring
{
    /// <summary><c>builder.AddGatewayzLogging()</c>: the library's one-liner.</summary>
    AddGatewayzLogging,

    /// <summary><c>Log.Logger</c> built in code with <c>WriteTo.GatewayzSentry</c>, then <c>UseSerilog()</c> (Serilog.Extensions.Hosting).</summary>
    UseSerilog,

    /// <summary>The same logger, through <c>ILoggingBuilder.AddSerilog()</c> (Serilog.Extensions.Logging) beside MEL's other providers.</summary>
    AddSerilog,

    /// <summary><c>UseSerilog((context, services, logger) => logger.ReadFrom.Configuration(...))</c> with the sink declared in JSON.</summary>
    ReadFromConfiguration,
}
