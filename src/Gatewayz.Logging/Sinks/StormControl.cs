using System.Diagnostics;
using System.Globalization;
using Sentry;
using Serilog.Events;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// Counts events per fingerprint in fixed windows and turns away those beyond the budget. The table
/// is bounded: when it is full, expired entries make room, and a fingerprint that finds no room is
/// sent rather than tracked, so a distinct error is never lost to a storm of another.
/// </summary>
/// <param name="maxEventsPerFingerprint">Events of one fingerprint sent per window.</param>
/// <param name="window">The window.</param>
/// <param name="capacity">Fingerprints tracked at most.</param>
/// <param name="clock">Stopwatch ticks; tests pass their own.</param>
sealed class StormControl(int maxEventsPerFingerprint, TimeSpan window, int capacity = StormControl.DefaultCapacity, Func<long>? clock = null)
{
    public const int DefaultCapacity = 4096;

    readonly Dictionary<StormFingerprint, Entry> _entries = new(capacity);
    readonly object _gate = new();
    readonly TimeSpan _window = window;
    readonly long _windowTicks = (long)(window.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Fingerprints tracked now; never more than the capacity.</summary>
    public int Tracked
    {
        get
        {
            lock (_gate)
                return _entries.Count;
        }
    }

    public StormVerdict Decide(LogEvent logEvent)
    {
        var fingerprint = StormFingerprint.Of(logEvent);
        var now = clock?.Invoke() ?? Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (!_entries.TryGetValue(fingerprint, out var entry))
            {
                if (_entries.Count >= capacity && !Evict(now))
                    return StormVerdict.SendIt;
                _entries[fingerprint] = new Entry { WindowStart = now, Sent = 1 };
                return StormVerdict.SendIt;
            }

            if (now - entry.WindowStart >= _windowTicks)
            {
                entry.WindowStart = now;
                entry.Sent = 0;
            }
            if (entry.Sent >= maxEventsPerFingerprint)
            {
                if (entry.Suppressed++ == 0)
                    entry.SuppressedSince = DateTimeOffset.UtcNow;
                return StormVerdict.Suppress;
            }

            entry.Sent++;
            if (entry.Suppressed == 0)
                return StormVerdict.SendIt;
            var verdict = new StormVerdict(true, entry.Suppressed, entry.SuppressedSince);
            entry.Suppressed = 0;
            return verdict;
        }
    }

    /// <summary>
    /// On the first event sent after a suppressed stretch, tells how many events of its fingerprint were
    /// held back and since when: the <c>storm_control</c> context.
    /// </summary>
    public void Report(SentryEvent sentryEvent, StormVerdict verdict) =>
        sentryEvent.Contexts["storm_control"] = new Dictionary<string, object>
        {
            ["suppressed"] = verdict.Suppressed,
            ["suppressed_since"] = verdict.SuppressedSince.ToString("O", CultureInfo.InvariantCulture),
            ["window_seconds"] = _window.TotalSeconds,
        };

    /// <summary>Drops entries whose window has passed and that hold no suppressed count; true when room was made.</summary>
    bool Evict(long now)
    {
        List<StormFingerprint>? expired = null;
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.WindowStart >= _windowTicks && entry.Suppressed == 0)
                (expired ??= []).Add(key);
        }
        foreach (var key in expired ?? [])
            _entries.Remove(key);
        return _entries.Count < capacity;
    }

    sealed class Entry
    {
        public long WindowStart;
        public int Sent;
        public long Suppressed;
        public DateTimeOffset SuppressedSince;
    }
}
