using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Gatewayz.Logging.Tests.Support;

/// <summary>
/// One accepted TCP connection spoken to as minimal HTTP/1.1: reads request heads and bodies
/// (Content-Length or chunked) within caps, writes small responses, and can be closed or reset.
/// </summary>
sealed class HttpConnection(long id, Socket socket)
{
    public const int MaxHeadBytes = 32 * 1024;
    const int MaxChunkLineBytes = 1024;
    static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();
    static readonly byte[] LineEnd = "\r\n"u8.ToArray();

    readonly byte[] _buffer = new byte[MaxHeadBytes + 1024];
    readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    int _start;
    int _end;
    int _closed;

    public long Id { get; } = id;

    /// <summary>Completes when the connection's handler has finished.</summary>
    public Task Finished => _finished.Task;

    public void MarkFinished() => _finished.TrySetResult();

    /// <summary>Reads the next request head; null when the client closed the connection cleanly between requests.</summary>
    public async Task<HttpRequestHead?> ReadHeadAsync(CancellationToken cancellationToken)
    {
        // Fails once MaxHeadBytes are buffered without the end of the head.
        var text = await ReadToAsync(HeadEnd, MaxHeadBytes - 1, $"Request head longer than {MaxHeadBytes} bytes.", cancellationToken).ConfigureAwait(false);
        if (text is null)
            return _end == _start ? null : throw new EndOfStreamException("Connection closed inside a request head.");
        return HttpRequestHead.Parse(text);
    }

    /// <summary>Reads a whole body, keeping at most <paramref name="keepBytes"/> of it and reading at most <paramref name="maxBytes"/>.</summary>
    public async Task<BodyReadResult> ReadBodyAsync(HttpRequestHead head, int keepBytes, long maxBytes, CancellationToken cancellationToken)
    {
        var kept = new MemoryStream();
        long total = 0;

        bool Keep(ReadOnlySpan<byte> bytes)
        {
            total += bytes.Length;
            var room = keepBytes - (int)kept.Length;
            if (room > 0)
                kept.Write(bytes[..Math.Min(room, bytes.Length)]);
            return total <= maxBytes;
        }

        BodyReadResult Result(string? problem) => new(kept.ToArray(), total, problem is null, total > keepBytes, problem);

        if (!head.Chunked)
            return Result(await CopyAsync(head.ContentLength ?? 0, Keep, cancellationToken).ConfigureAwait(false));

        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
                return Result("connection closed inside a chunked body");
            var sizeText = line.Split(';', 2)[0].Trim();
            if (!long.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
                return Result($"bad chunk size '{sizeText}'");

            if (size == 0)
            {
                // Trailer section: header lines up to an empty line.
                while (await ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } trailer)
                {
                    if (trailer.Length == 0)
                        return Result(null);
                }
                return Result("connection closed inside chunked trailers");
            }

            if (await CopyAsync(size, Keep, cancellationToken).ConfigureAwait(false) is { } problem)
                return Result(problem);
            if (await ReadLineAsync(cancellationToken).ConfigureAwait(false) is not "")
                return Result("chunk not followed by CRLF");
        }
    }

    /// <summary>Reads at most <paramref name="maxBytes"/> body bytes (raw, framing included): what is buffered, else one receive.</summary>
    public async Task<int> ReadSomeAsync(int maxBytes, CancellationToken cancellationToken)
    {
        if (_end == _start)
        {
            Compact();
            if (await ReceiveAsync(cancellationToken).ConfigureAwait(false) == 0)
                return 0;
        }
        var taken = Math.Min(maxBytes, _end - _start);
        _start += taken;
        return taken;
    }

    /// <summary>Reads and drops whatever arrives, never answering, until the peer closes or the connection is reset.</summary>
    public async Task IgnoreUntilClosedAsync(CancellationToken cancellationToken)
    {
        _start = _end = 0;
        while (await ReceiveAsync(cancellationToken).ConfigureAwait(false) > 0)
            _start = _end = 0;
    }

    /// <summary>Writes raw bytes (a whole response, or an interim "100 Continue").</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        while (!bytes.IsEmpty)
            bytes = bytes[await socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false)..];
    }

    /// <summary>Closes gracefully: FIN after what was written.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
            return;
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        socket.Dispose();
    }

    /// <summary>Resets the connection (TCP RST, no FIN), failing any pending read or write on it.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
            Reset(socket);
    }

    /// <summary>Closes a socket abortively: linger 0, so the peer gets RST.</summary>
    public static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        socket.Dispose();
    }

    async Task<string?> CopyAsync(long count, Func<ReadOnlySpan<byte>, bool> sink, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (_end == _start)
            {
                _start = _end = 0;
                if (await ReceiveAsync(cancellationToken).ConfigureAwait(false) == 0)
                    return "connection closed inside the body";
            }
            var take = (int)Math.Min(count, _end - _start);
            var withinLimit = sink(_buffer.AsSpan(_start, take));
            _start += take;
            count -= take;
            if (!withinLimit)
                return "body longer than the endpoint reads";
        }
        return null;
    }

    Task<string?> ReadLineAsync(CancellationToken cancellationToken) =>
        ReadToAsync(LineEnd, MaxChunkLineBytes, "Chunk line too long.", cancellationToken);

    /// <summary>
    /// The text before the next <paramref name="delimiter"/>, which is consumed with it; null when the
    /// connection closes first (what was buffered stays). More than <paramref name="maxBytes"/>
    /// buffered without the delimiter is an error.
    /// </summary>
    async Task<string?> ReadToAsync(byte[] delimiter, int maxBytes, string tooLong, CancellationToken cancellationToken)
    {
        var searchFrom = _start;
        while (true)
        {
            var end = _buffer.AsSpan(searchFrom, _end - searchFrom).IndexOf(delimiter);
            if (end >= 0)
            {
                var textEnd = searchFrom + end;
                var text = Encoding.Latin1.GetString(_buffer, _start, textEnd - _start);
                _start = textEnd + delimiter.Length;
                return text;
            }
            if (_end - _start > maxBytes)
                throw new InvalidDataException(tooLong);

            // The delimiter may straddle what is buffered and what comes next.
            searchFrom = Math.Max(_start, _end - (delimiter.Length - 1)) - Compact();
            if (await ReceiveAsync(cancellationToken).ConfigureAwait(false) == 0)
                return null;
        }
    }

    /// <summary>Moves unread bytes to the front of the buffer; returns by how much they moved.</summary>
    int Compact()
    {
        var moved = _start;
        if (moved > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= moved;
            _start = 0;
        }
        return moved;
    }

    async Task<int> ReceiveAsync(CancellationToken cancellationToken)
    {
        var read = await socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        _end += read;
        return read;
    }
}
