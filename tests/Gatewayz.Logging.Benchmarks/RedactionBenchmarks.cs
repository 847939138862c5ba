using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>
/// What redaction costs, on a message with nothing to redact and on one carrying several secrets
/// (a bearer token, a provider key in a query string, a connection-string password). Two places:
/// the enricher every sink sees (against Serilog into a null sink with no redaction), and the SDK
/// event processor on a whole Sentry event (the peer with <c>AddGatewayzRedaction</c>, against the
/// peer alone, which sends the secrets).
/// </summary>
[MemoryDiagnoser]
public class RedactionBenchmarks : PipelineBenchmark
{
    const string CleanEndpoint = "https://openrouter.ai/api/v1/chat/completions";
    const string CleanAuth = "scheme omitted";
    const string CleanDsn = "Host=db.internal;Database=gatewayz;Pooling=true";
    const string SecretEndpoint = "https://openrouter.ai/api/v1/chat/completions?api_key=sk-or-v1-3f9a8c7e6d5b4a39281706f5e4d3c2b1";
    const string SecretAuth = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIn0.c2lnbmF0dXJlLWJ5dGVzLWhlcmU";
    const string SecretDsn = "Host=db.internal;Database=gatewayz;Password=hunter2-prod;Pooling=true";

    static readonly Action<ILogger, string, string, string, Exception?> Calling =
        LoggerMessage.Define<string, string, string>(LogLevel.Error, new EventId(4, "ProviderCall"), "Calling {endpoint} with {authorization} from {database}");


    [GlobalSetup(Targets = [nameof(Serilog_null_sink), nameof(Serilog_null_sink_secrets)])]
    public void SetupFloor() => UseSerilog(Pipelines.SerilogFloor());

    [GlobalSetup(Targets = [nameof(Redacting_enricher_clean), nameof(Redacting_enricher_secrets)])]
    public void SetupEnricher() => UseSerilog(Pipelines.RedactingFloor());

    [GlobalSetup(Targets = [nameof(Peer_clean), nameof(Peer_secrets)])]
    public void SetupPeer() => UsePeer();

    [GlobalSetup(Targets = [nameof(Peer_with_redaction_clean), nameof(Peer_with_redaction_secrets)])]
    public void SetupRedactedPeer() => UsePeer(configure: o => o.AddGatewayzRedaction());

    [Benchmark(Baseline = true)]
    public void Serilog_null_sink() => Log!.Error("Calling {endpoint} with {authorization} from {database}", CleanEndpoint, CleanAuth, CleanDsn);

    [Benchmark]
    public void Serilog_null_sink_secrets() => Log!.Error("Calling {endpoint} with {authorization} from {database}", SecretEndpoint, SecretAuth, SecretDsn);

    [Benchmark]
    public void Redacting_enricher_clean() => Log!.Error("Calling {endpoint} with {authorization} from {database}", CleanEndpoint, CleanAuth, CleanDsn);

    [Benchmark]
    public void Redacting_enricher_secrets() => Log!.Error("Calling {endpoint} with {authorization} from {database}", SecretEndpoint, SecretAuth, SecretDsn);

    [Benchmark]
    public void Peer_clean() => Calling(Mel!, CleanEndpoint, CleanAuth, CleanDsn, Pipelines.Failure);

    [Benchmark]
    public void Peer_secrets() => Calling(Mel!, SecretEndpoint, SecretAuth, SecretDsn, Pipelines.Failure);

    [Benchmark]
    public void Peer_with_redaction_clean() => Calling(Mel!, CleanEndpoint, CleanAuth, CleanDsn, Pipelines.Failure);

    [Benchmark]
    public void Peer_with_redaction_secrets() => Calling(Mel!, SecretEndpoint, SecretAuth, SecretDsn, Pipelines.Failure);
}
