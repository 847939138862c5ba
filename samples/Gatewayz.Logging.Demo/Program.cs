using System.Text.Json;
using Gatewayz.Logging;
using Gatewayz.Logging.Demo;
using Gatewayz.Logging.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sentry;

// With no SENTRY_DSN, the real SDK runs with an in-process recording transport: every event is
// serialized exactly as it would be sent, and printed. With SENTRY_DSN (or SENTRY_SPOTLIGHT),
// AddGatewayzLogging initialises the SDK and the events are also sent.
var sending = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("SENTRY_DSN"))
    || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("SENTRY_SPOTLIGHT"));
var sent = new List<JsonElement>();
var sentLines = new List<string>();
var recording = new RecordingTransport();

IDisposable? localSdk = null;
if (!sending)
{
    localSdk = SentrySdk.Init(o =>
    {
        o.Dsn = SentryCapture.Dsn;
        o.Transport = recording;
        o.Environment = "demo";
        o.Release = "gatewayz-demo@1.0.0";
        o.SendClientReports = false;
    });
}

// First, so that the library's own startup line below reads in its light.
Console.WriteLine(sending
    ? "Gatewayz.Logging demo: sending to SENTRY_DSN / SENTRY_SPOTLIGHT."
    : "Gatewayz.Logging demo: no SENTRY_DSN, so the demo starts the Sentry SDK itself with a transport that records in-process: every event is serialized as it would be sent, and printed here instead of sent.");

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddGatewayzLogging(o => o.ConfigureSentry = s =>
{
    s.SetBeforeSend(e =>
    {
        // Keep a copy of what goes over the wire, to print it.
        lock (sent)
            sent.Add(Serialize(e));
        return e;
    });
    s.SetBeforeSendLog(log =>
    {
        lock (sentLines)
            sentLines.Add(LogLineText(log.Level.ToString().ToLowerInvariant(), log.Message, log.TryGetAttribute("provider", out var provider) ? provider : null));
        return log;
    });
});

using (var host = builder.Build())
{
    await host.StartAsync();
    var scenarios = new Scenarios(host.Services.GetRequiredService<ILoggerFactory>());

    Console.WriteLine();

    var seen = 0;
    var linesSeen = 0;
    var number = 0;
    foreach (var scenario in scenarios.All)
    {
        Console.WriteLine($"── {++number}. {scenario.Title} {new string('─', Math.Max(0, 70 - scenario.Title.Length))}");
        await scenario.Run();
        await GatewayzSentry.FlushAsync(TimeSpan.FromSeconds(10));

        var events = Events();
        if (events.Count == seen)
            Console.WriteLine("  → no Sentry event: below the event level, kept as a breadcrumb for the next event.\n");
        foreach (var evt in events.Skip(seen))
        {
            EventPrinter.Print(evt, sending);
            Console.WriteLine($"      {"search",-12}{scenario.Search}\n");
        }
        seen = events.Count;
        var lines = LogLines();
        foreach (var line in lines.Skip(linesSeen))
            Console.WriteLine(line);
        if (lines.Count > linesSeen)
            Console.WriteLine();
        linesSeen = lines.Count;
    }

    await host.StopAsync();
}

localSdk?.Dispose();
Console.WriteLine(sending
    ? $"{Events().Count} events sent. Find them by event id, or search tags such as provider:openrouter."
    : $"{Events().Count} events recorded. Set SENTRY_DSN to send them to Sentry, or SENTRY_SPOTLIGHT=true to see them in Spotlight.");

IReadOnlyList<JsonElement> Events()
{
    if (!sending)
        return recording.Events.Select(e => e.Json).ToArray();
    lock (sent)
        return sent.ToArray();
}

// The lines Sentry's Logs get (EnableLogs in appsettings.json), beside the events.
IReadOnlyList<string> LogLines()
{
    if (!sending)
    {
        return recording.Logs
            .Where(l => IsScenarioLine(l.Attributes.GetValueOrDefault("category.name") as string))
            .Select(l => LogLineText(l.Level, l.Body, l.Attributes.GetValueOrDefault("provider")))
            .ToArray();
    }
    lock (sentLines)
        return sentLines.ToArray();
}

// The host's own lines (lifetime, startup status) are sent too; the demo prints the scenarios' lines.
static bool IsScenarioLine(string? category) =>
    category is not null && category != "Gatewayz.Logging" && !category.StartsWith("Microsoft.", StringComparison.Ordinal);

static string LogLineText(string? level, string? body, object? provider) =>
    $"  → Sentry log line [{level}] {body}{(provider is null ? "" : $"  (provider: {provider})")}";

static JsonElement Serialize(SentryEvent e)
{
    using var stream = new MemoryStream();
    using (var writer = new Utf8JsonWriter(stream))
        e.WriteTo(writer, null);
    return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
}
