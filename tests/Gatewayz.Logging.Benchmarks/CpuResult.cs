namespace Gatewayz.Logging.Benchmarks;

/// <summary>CPU per event, whole process; calling-thread time per event; events the transport received; allocation and collections, background included.</summary>
public sealed record CpuResult(string Pipeline, int PerSecond, int Logged, int Received, int Duplicates, double CpuMicrosecondsPerEvent, double CallingMicrosecondsPerEvent, double WallMilliseconds, long BytesPerEvent, int Collections, int FullCollections);
