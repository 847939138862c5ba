using Gatewayz.Gateway.Auth;
using Gatewayz.Gateway.Background;
using Gatewayz.Gateway.Data;
using Gatewayz.Gateway.Endpoints;
using Gatewayz.Gateway.Payments;
using Gatewayz.Gateway.Providers;

// The gateway, configured only through appsettings.json and SENTRY_* variables, as the README says.
// With a DSN, Sentry's own UseSentry() owns the SDK and reads the Sentry section; the library reads the
// same section, captures through that SDK, and turns off Sentry's logging provider so that a failure is
// one event. Without one (SENTRY_SPOTLIGHT=true alone: events to a local Spotlight, no Sentry account),
// UseSentry() would refuse to start, and the library initialises the SDK for Spotlight itself.
var builder = WebApplication.CreateBuilder(args);
if (!string.IsNullOrWhiteSpace(builder.Configuration["Sentry:Dsn"] ?? Environment.GetEnvironmentVariable("SENTRY_DSN")))
    builder.WebHost.UseSentry();
builder.AddGatewayzLogging();

builder.Services.AddSingleton<ProviderRouter>();
builder.Services.AddSingleton<StripeCheckout>();
builder.Services.AddSingleton<CreditsStore>();
builder.Services.AddSingleton<CreditsCache>();
builder.Services.AddSingleton<ApiKeys>();
builder.Services.AddSingleton<UsageRecorder>();

var app = builder.Build();
app.UseExceptionHandler(failed => failed.Run(async context =>
{
    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
    await context.Response.WriteAsJsonAsync(new { error = "internal_error", request_id = context.TraceIdentifier });
}));
app.UseGatewayzRequestContext();

app.MapChat();
app.MapPayments();
app.MapUsers();
app.MapSentryDebug();
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));

app.Run();

/// <summary>The entry point, visible to the end-to-end tests' WebApplicationFactory.</summary>
public partial class Program;
