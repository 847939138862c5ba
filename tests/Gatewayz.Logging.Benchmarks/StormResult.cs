namespace Gatewayz.Logging.Benchmarks;

/// <summary>A storm: calling-thread time for all of it, events sent, heap, and whether every distinct error arrived.</summary>
public sealed record StormResult(string Pipeline, int Logged, int Received, int Duplicates, double CallingMilliseconds, long HeapKilobytesAtTenth, long HeapKilobytesAtEnd, int DistinctErrors, int DistinctDelivered);
