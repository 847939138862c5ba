using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Gatewayz.Logging.Redaction;
using Sentry;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>
/// The library's redactor on a whole transaction of 100 spans (an HTTP call each, a tenth of them
/// with a key in the query string, tags and data on every span, a user and request on the
/// transaction), against what the SDK spends on the same transaction anyway: writing it as JSON for
/// the envelope. Each call copies the transaction from its tracer first, as the SDK does when it is
/// finished, so that every redaction sees the secrets; the copy alone is measured too.
/// </summary>
[MemoryDiagnoser]
public class TransactionRedactionBenchmarks
{
    const int Spans = 100;

    IDisposable? _sdk;
    ITransactionTracer? _tracer;
    SentryRedactor? _redactor;
    readonly MemoryStream _buffer = new();

    [GlobalSetup]
    public void Setup()
    {
        _sdk = Pipelines.InitSdk(o => o.TracesSampleRate = 1.0);
        _redactor = new SentryRedactor(new Redactor());
        _tracer = SentrySdk.StartTransaction("POST /v1/chat/completions", "http.server");
        _tracer.SetTag("provider", "openrouter");
        _tracer.SetExtra("model", "openai/gpt-4o");
        _tracer.User = new SentryUser { Id = "user-42", Email = "jane.doe@example.com" };
        _tracer.Request = new SentryRequest { Method = "POST", Url = "https://gateway.example/v1/chat/completions", QueryString = "stream=false" };
        for (var i = 0; i < Spans; i++)
        {
            var query = i % 10 == 0 ? $"api_key=sk-or-v1-{i:D4}3f9a8c7e6d5b4a39281706f5e4d3c2b1" : $"page={i}";
            var span = _tracer.StartChild("http.client", $"GET https://openrouter.ai/api/v1/models?{query}");
            span.SetTag("http.status_code", "200");
            span.SetTag("provider", "openrouter");
            span.SetExtra("url", $"https://openrouter.ai/api/v1/models?{query}");
            span.SetExtra("attempt", i % 3);
            span.Finish();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _sdk?.Dispose();

    [Benchmark]
    public SentryTransaction Copy_only() => new(_tracer!);

    [Benchmark(Baseline = true)]
    public long Copy_and_serialize()
    {
        var transaction = new SentryTransaction(_tracer!);
        _buffer.SetLength(0);
        using (var writer = new Utf8JsonWriter(_buffer))
            transaction.WriteTo(writer, null);
        return _buffer.Length;
    }

    [Benchmark]
    public SentryTransaction? Copy_and_redact() => _redactor!.Process(new SentryTransaction(_tracer!));
}
