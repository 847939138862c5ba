using System.Globalization;

namespace Gatewayz.Logging.Tests.Support;

/// <summary>The request line and headers of one HTTP/1.x request, as <see cref="HttpConnection"/> read them.</summary>
sealed record HttpRequestHead(string Method, string Target, string Version, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>The target without its query.</summary>
    public string Path => Target.Split('?', 2)[0];

    /// <summary>Content-Length, or null when absent. Throws <see cref="InvalidDataException"/> when not a number.</summary>
    public long? ContentLength =>
        Header("Content-Length") is { } value
            ? long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                ? length
                : throw new InvalidDataException($"Bad Content-Length '{value}'.")
            : null;

    /// <summary>Whether the body is sent with chunked transfer encoding.</summary>
    public bool Chunked =>
        Header("Transfer-Encoding") is { } value &&
        value.Split(',')[^1].Trim().Equals("chunked", StringComparison.OrdinalIgnoreCase);

    /// <summary>Content-Encoding, or null.</summary>
    public string? ContentEncoding => Header("Content-Encoding");

    /// <summary>Whether the client waits for "100 Continue" before it sends the body.</summary>
    public bool ExpectsContinue => string.Equals(Header("Expect"), "100-continue", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the client lets the connection carry another request after this one.</summary>
    public bool KeepAlive
    {
        get
        {
            var connection = Header("Connection") ?? "";
            return Version == "HTTP/1.1"
                ? !connection.Contains("close", StringComparison.OrdinalIgnoreCase)
                : connection.Contains("keep-alive", StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>The first value of a header, or null.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Parses the head's text (request line and header lines, CRLF-separated, without the blank line).</summary>
    public static HttpRequestHead Parse(string text)
    {
        var lines = text.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
            throw new InvalidDataException($"Bad request line '{lines[0]}'.");

        var headers = new List<KeyValuePair<string, string>>(lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                throw new InvalidDataException($"Bad header line '{line}'.");
            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        return new HttpRequestHead(requestLine[0], requestLine[1], requestLine[2], headers);
    }
}
