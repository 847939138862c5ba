using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using Gatewayz.Logging.Testing;

namespace Gatewayz.Logging.Tests.Support;

/// <summary>
/// A Sentry endpoint on a free loopback port that keeps every envelope POSTed to it: the real SDK's
/// HTTP transport (a <see cref="Dsn"/>) or its Spotlight transport (<see cref="SpotlightUrl"/>) sends
/// here, and the tests read back the events as Sentry would have received them.
/// </summary>
public sealed class EnvelopeInbox : IDisposable
{
    readonly HttpListener _listener = new();
    readonly SemaphoreSlim _received = new(0);
    readonly List<(string Path, byte[] Body)> _requests = [];

    public EnvelopeInbox()
    {
        using (var socket = new TcpListener(IPAddress.Loopback, 0))
        {
            socket.Start();
            Port = ((IPEndPoint)socket.LocalEndpoint).Port;
        }
        _listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/"));
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }

    /// <summary>A DSN whose envelopes arrive here.</summary>
    public string Dsn => string.Create(CultureInfo.InvariantCulture, $"http://public@127.0.0.1:{Port}/1");

    /// <summary>A Spotlight sidecar URL whose envelopes arrive here.</summary>
    public string SpotlightUrl => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/stream");

    /// <summary>The path of the last request.</summary>
    public string? LastPath
    {
        get
        {
            lock (_requests)
                return _requests.Count == 0 ? null : _requests[^1].Path;
        }
    }

    /// <summary>Every error event received so far, in order of arrival.</summary>
    public IReadOnlyList<CapturedEvent> Events
    {
        get
        {
            lock (_requests)
            {
                return _requests
                    .SelectMany(r => EnvelopeReader.Read(r.Body).Items)
                    .Where(i => i.Type == "event")
                    .Select(i => new CapturedEvent(System.Text.Json.JsonDocument.Parse(i.Payload).RootElement.Clone()))
                    .ToList();
            }
        }
    }

    /// <summary>The last body received, as text, once one arrives within <paramref name="timeout"/>; null otherwise.</summary>
    public string? WaitForBody(TimeSpan timeout)
    {
        if (!_received.Wait(timeout))
            return null;
        lock (_requests)
            return System.Text.Encoding.UTF8.GetString(_requests[^1].Body);
    }

    /// <summary>Waits until <paramref name="count"/> events have arrived or the timeout passes; returns what arrived.</summary>
    public async Task<IReadOnlyList<CapturedEvent>> WaitForEventsAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Events.Count < count && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        return Events;
    }

    async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception)
            {
                return;
            }
            var input = context.Request.InputStream;
            if (string.Equals(context.Request.Headers["Content-Encoding"], "gzip", StringComparison.OrdinalIgnoreCase))
                input = new GZipStream(input, CompressionMode.Decompress);
            using var body = new MemoryStream();
            await input.CopyToAsync(body);
            lock (_requests)
                _requests.Add((context.Request.Url?.AbsolutePath ?? "", body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.Close();
            _received.Release();
        }
    }

    public void Dispose() => _listener.Close();
}
