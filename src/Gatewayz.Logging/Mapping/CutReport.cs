using Serilog.Debugging;

namespace Gatewayz.Logging.Mapping;

/// <summary>
/// What the mapping of one event had to cut or change to fit Sentry's limits. The event carries a
/// marker at each place (<c>…[+N chars]</c>, <c>_truncated</c>, <c>[cut: …]</c>); this says in one
/// SelfLog line which event it was and what was done, so that nothing is cut without a word.
/// </summary>
sealed class CutReport
{
    List<string>? _cuts;

    public void Add(string cut) => (_cuts ??= []).Add(cut);

    /// <summary>Writes the report, when there is anything in it, as one SelfLog line.</summary>
    public void WriteToSelfLog(string eventId, string messageTemplate)
    {
        if (_cuts is null)
            return;
        SelfLog.WriteLine(
            "Gatewayz.Logging: event {0} (\"{1}\") was cut to fit Sentry's limits, each place marked in the event: {2}",
            eventId, TextCut.WithEllipsis(messageTemplate, 120), string.Join("; ", _cuts));
    }
}
