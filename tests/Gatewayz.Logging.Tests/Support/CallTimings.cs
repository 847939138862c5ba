using System.Diagnostics;
using System.Globalization;

namespace Gatewayz.Logging.Tests.Support;

/// <summary>How long each of a series of calls took, and their percentiles.</summary>
public sealed class CallTimings
{
    readonly List<TimeSpan> _calls = [];

    public int Count => _calls.Count;

    public TimeSpan P50 => Percentile(0.50);

    public TimeSpan P99 => Percentile(0.99);

    public TimeSpan Max => _calls.Max();

    /// <summary>Runs <paramref name="call"/> and records how long it took.</summary>
    public void Time(Action call)
    {
        var start = Stopwatch.GetTimestamp();
        call();
        _calls.Add(Stopwatch.GetElapsedTime(start));
    }

    /// <summary>The smallest duration that at least <paramref name="fraction"/> of the calls did not exceed.</summary>
    public TimeSpan Percentile(double fraction)
    {
        var sorted = _calls.Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Count) - 1)];
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"p50 {P50.TotalMilliseconds:F3} ms, p99 {P99.TotalMilliseconds:F3} ms, max {Max.TotalMilliseconds:F1} ms over {Count} calls");
}
