using System.Collections;

namespace Gatewayz.Logging.Capture;

/// <summary>
/// A capture as Microsoft.Extensions.Logging state: the message (a literal, so no property of the
/// same name can be taken for a hole), the explicit context (destructured, <c>@</c> prefix), the
/// explicit tags and the user. Serilog's MEL provider binds each pair as a property; other providers print
/// <see cref="ToString"/>.
/// </summary>
sealed class CaptureState : IReadOnlyList<KeyValuePair<string, object?>>
{
    public static readonly Func<CaptureState, Exception?, string> Format = static (state, _) => state.ToString();

    readonly string _message;
    readonly List<KeyValuePair<string, object?>> _pairs;

    public CaptureState(CaptureRequest request)
    {
        _message = request.Message;
        _pairs = [new("{OriginalFormat}", request.Template)];
        if (request.ContextName is { } name && request.Context is { Count: > 0 } context)
            _pairs.Add(new("@" + PropertyNames.SentryContexts, new Dictionary<string, object?> { [name] = context }));
        if (request.Tags is { Count: > 0 } tags)
            _pairs.Add(new(PropertyNames.SentryTags, tags));
        if (request.UserId is { } userId)
            _pairs.Add(new(PropertyNames.UserId, userId));
    }

    public int Count => _pairs.Count;

    public KeyValuePair<string, object?> this[int index] => _pairs[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _pairs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => _message;
}
