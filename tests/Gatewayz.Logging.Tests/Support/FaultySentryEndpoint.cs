using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Gatewayz.Logging.Tests.Support;

/// <summary>
/// A stand-in for Sentry's ingestion endpoint (<c>POST /api/1/envelope/</c>) on 127.0.0.1 that misbehaves
/// on demand: set <see cref="Behavior"/> at any time. It counts what reaches it (requests, envelopes, error
/// events and their messages, timestamps) and is bounded: it stops by itself after
/// <see cref="FaultySentryEndpointOptions.MaxLifetime"/> or <see cref="FaultySentryEndpointOptions.MaxRequests"/>,
/// keeps at most <see cref="FaultySentryEndpointOptions.MaxBodyBytes"/> of a body, and disposes quickly even
/// with hanging connections.
/// </summary>
/// <remarks>
/// Raw sockets and a minimal HTTP/1.1 reader make every fault exact at the TCP level: refusing closes the
/// listening socket (the kernel answers SYN with RST) while a bound, non-listening socket keeps the port;
/// hanging never writes a byte; closing mid-request resets the connection (RST).
/// </remarks>
public sealed class FaultySentryEndpoint : IAsyncDisposable
{
    const string ProjectId = "1";
    const int ListenBacklog = 128;
    const int BindAttempts = 50;
    const int CloseMidRequestAfterBodyBytes = 64;
    const long MaxDrainBytes = 32L * 1024 * 1024;
    static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);
    static readonly TimeSpan DisposeTimeout = TimeSpan.FromSeconds(2);

    readonly FaultySentryEndpointOptions _options;
    readonly Stopwatch _clock = Stopwatch.StartNew();
    readonly CancellationTokenSource _stopping = new();
    readonly Timer _lifetime;

    // Listening state, behaviour and open connections: under _gate.
    readonly Lock _gate = new();
    readonly Dictionary<long, HttpConnection> _connections = [];
    readonly List<Task> _acceptLoops = [];
    Socket? _listener;
    Socket? _parked;
    EndpointBehavior _behavior;
    RateLimitRule _rateLimit;
    string? _stopReason;
    bool _disposed;
    long _lastConnectionId;

    // Counters and records: under _stats.
    readonly Lock _stats = new();
    readonly Dictionary<EndpointBehavior, int> _requestsByBehavior = [];
    readonly List<ParsedEnvelopeItem> _acceptedEvents = [];
    readonly Dictionary<string, int> _acceptedItemTypes = new(StringComparer.Ordinal);
    readonly List<ReceivedRequest> _requests = [];
    int _connectionsAccepted;
    int _connectionsRejected;
    int _totalRequests;
    int _envelopesRead;
    int _envelopesAccepted;
    TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    FaultySentryEndpoint(FaultySentryEndpointOptions options)
    {
        if (options.MaxLifetime <= TimeSpan.Zero || options.MaxRequests < 1 || options.MaxConnections < 1 || options.MaxBodyBytes < 1)
            throw new ArgumentException("Every limit must be positive.", nameof(options));

        _options = options;
        _behavior = options.InitialBehavior;
        _rateLimit = options.RateLimit;
        var socket = BindWithRetry(0);
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        lock (_gate)
        {
            if (_behavior == EndpointBehavior.RefuseConnections)
                _parked = socket;
            else
                StartListening(socket);
        }
        _lifetime = new Timer(_ => Stop($"max lifetime of {options.MaxLifetime} reached"), null, options.MaxLifetime, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Starts an endpoint on 127.0.0.1 and an ephemeral port, which it keeps until disposed.</summary>
    public static FaultySentryEndpoint Start(FaultySentryEndpointOptions? options = null) => new(options ?? new());

    /// <summary>The TCP port; the same for the endpoint's whole life, across <see cref="EndpointBehavior.RefuseConnections"/>.</summary>
    public int Port { get; }

    /// <summary>A DSN that points the Sentry SDK here: <c>http://public@127.0.0.1:PORT/1</c>.</summary>
    public string Dsn => string.Create(CultureInfo.InvariantCulture, $"http://public@127.0.0.1:{Port}/{ProjectId}");

    /// <summary>Where envelopes are posted.</summary>
    public Uri EnvelopeUri => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/api/{ProjectId}/envelope/"));

    /// <summary>Time since the endpoint started: the clock of <see cref="ReceivedRequest.Elapsed"/>.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Why the endpoint stopped (lifetime, request limit, disposal), or null while it runs.</summary>
    public string? StopReason
    {
        get
        {
            lock (_gate)
                return _stopReason;
        }
    }

    /// <summary>
    /// What the endpoint does from now on. Switching to <see cref="EndpointBehavior.RefuseConnections"/> closes the
    /// listening socket and resets every open connection; switching away from it listens again on the same port.
    /// </summary>
    public EndpointBehavior Behavior
    {
        get
        {
            lock (_gate)
                return _behavior;
        }
        set
        {
            if (!Enum.IsDefined(value))
                throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown behaviour.");

            List<HttpConnection> toReset = [];
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                var previous = _behavior;
                _behavior = value;
                if (_stopReason is null && value == EndpointBehavior.RefuseConnections && previous != value)
                {
                    // Closing the listener makes the kernel refuse new connections; a socket bound to the
                    // same port without listening keeps the port ours for when listening resumes.
                    _listener?.Dispose();
                    _listener = null;
                    _parked = BindWithRetry(Port);
                    toReset = [.. _connections.Values];
                }
                else if (_stopReason is null && previous == EndpointBehavior.RefuseConnections && previous != value)
                {
                    StartListening(_parked ?? BindWithRetry(Port));
                    _parked = null;
                }
            }

            // Outside the lock: resets run code of their own.
            toReset.ForEach(c => c.Abort());
            SignalChanged();
        }
    }

    /// <summary>What <see cref="EndpointBehavior.RateLimited"/> answers; settable at any time.</summary>
    public RateLimitRule RateLimit
    {
        get
        {
            lock (_gate)
                return _rateLimit;
        }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            ArgumentOutOfRangeException.ThrowIfNegative(value.RetryAfterSeconds);
            lock (_gate)
                _rateLimit = value;
        }
    }

    /// <summary>A consistent copy of the counters and request records.</summary>
    public EndpointSnapshot Snapshot()
    {
        EndpointBehavior behavior;
        string? stopReason;
        lock (_gate)
            (behavior, stopReason) = (_behavior, _stopReason);

        lock (_stats)
        {
            return new EndpointSnapshot(
                _clock.Elapsed, behavior, _connectionsAccepted, _connectionsRejected,
                new Dictionary<EndpointBehavior, int>(_requestsByBehavior), _envelopesRead, _envelopesAccepted,
                [.. _acceptedEvents], new Dictionary<string, int>(_acceptedItemTypes, StringComparer.Ordinal),
                [.. _requests], stopReason);
        }
    }

    /// <summary>Completes when at least <paramref name="count"/> distinct error events were accepted (200).</summary>
    public Task<EndpointSnapshot> WaitForEventsAsync(int count, TimeSpan timeout) =>
        WaitUntilAsync(s => s.DistinctEventCount >= count, timeout, $"{count} distinct error events");

    /// <summary>Completes when at least <paramref name="count"/> requests (of any behaviour) were read.</summary>
    public Task<EndpointSnapshot> WaitForRequestsAsync(int count, TimeSpan timeout) =>
        WaitUntilAsync(s => s.TotalRequests >= count, timeout, $"{count} requests");

    /// <summary>Completes with the first snapshot that satisfies <paramref name="condition"/>, checked after every change.</summary>
    /// <exception cref="TimeoutException">Not in time; the message holds the last snapshot.</exception>
    /// <exception cref="InvalidOperationException">The endpoint stopped first.</exception>
    public async Task<EndpointSnapshot> WaitUntilAsync(Func<EndpointSnapshot, bool> condition, TimeSpan timeout, string description)
    {
        var deadline = _clock.Elapsed + timeout;
        while (true)
        {
            Task changed;
            lock (_stats)
                changed = _changed.Task;

            var snapshot = Snapshot();
            if (condition(snapshot))
                return snapshot;
            if (snapshot.StopReason is { } reason)
                throw new InvalidOperationException($"The endpoint stopped ({reason}) before {description}: {snapshot}");
            var remaining = deadline - _clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
                throw new TimeoutException($"Waited {timeout} for {description}: {snapshot}");

            await Task.WhenAny(changed, Task.Delay(remaining)).ConfigureAwait(false);
        }
    }

    /// <summary>Stops listening, resets every connection (hanging ones too) and waits briefly for their handlers.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
        }

        Stop("disposed");
        await _lifetime.DisposeAsync().ConfigureAwait(false);
        Task[] pending;
        lock (_gate)
            pending = [.. _connections.Values.Select(c => c.Finished), .. _acceptLoops];
        try
        {
            await Task.WhenAll(pending).WaitAsync(DisposeTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Every socket is already closed; a handler that has not noticed yet holds nothing.
        }
    }

    void Stop(string reason)
    {
        List<HttpConnection> toReset;
        lock (_gate)
        {
            if (_stopReason is not null)
                return;
            _stopReason = reason;
            _listener?.Dispose();
            _listener = null;
            _parked?.Dispose();
            _parked = null;
            toReset = [.. _connections.Values];
        }

        _stopping.Cancel();
        toReset.ForEach(c => c.Abort());
        SignalChanged();
    }

    // Under _gate.
    void StartListening(Socket bound)
    {
        bound.Listen(ListenBacklog);
        _listener = bound;
        _acceptLoops.RemoveAll(t => t.IsCompleted);
        _acceptLoops.Add(Task.Run(() => AcceptLoopAsync(bound)));
    }

    static Socket BindWithRetry(int port)
    {
        for (var attempt = 1; ; attempt++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                // Lets the port be bound again at once although connections on it linger in TIME_WAIT.
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return socket;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < BindAttempts)
            {
                socket.Dispose();
                Thread.Sleep(10);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }

    async Task AcceptLoopAsync(Socket listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                lock (_gate)
                {
                    if (_listener != listener || _stopReason is not null)
                        return;
                }
                continue; // e.g. a connection reset while still in the backlog
            }
            Admit(listener, client);
        }
    }

    void Admit(Socket listener, Socket client)
    {
        HttpConnection? connection = null;
        var rejected = false;
        lock (_gate)
        {
            if (_listener == listener && _stopReason is null)
            {
                rejected = _connections.Count >= _options.MaxConnections;
                if (!rejected)
                {
                    connection = new HttpConnection(++_lastConnectionId, client);
                    _connections.Add(connection.Id, connection);
                }
            }
        }

        if (connection is null)
        {
            HttpConnection.Reset(client);
            if (rejected)
                Count(() => _connectionsRejected++);
            return;
        }

        client.NoDelay = true;
        Count(() => _connectionsAccepted++);
        _ = Task.Run(() => RunConnectionAsync(connection));
    }

    async Task RunConnectionAsync(HttpConnection connection)
    {
        try
        {
            while (true)
            {
                HttpRequestHead? head;
                using (var idle = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
                {
                    idle.CancelAfter(IdleTimeout);
                    try
                    {
                        head = await connection.ReadHeadAsync(idle.Token).ConfigureAwait(false);
                    }
                    catch (InvalidDataException e)
                    {
                        await SendAsync(connection, 400, "Bad Request", [], Detail(e.Message), keepAlive: false).ConfigureAwait(false);
                        connection.Close();
                        return;
                    }
                }

                if (head is null)
                {
                    connection.Close();
                    return;
                }
                if (!await HandleRequestAsync(connection, head).ConfigureAwait(false))
                    return;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidDataException)
        {
            // The client went away, a reset or timeout ended the connection, or it sent garbage.
        }
        finally
        {
            connection.Abort();
            lock (_gate)
                _connections.Remove(connection.Id);
            connection.MarkFinished();
        }
    }

    /// <summary>Handles one request; true when the connection may carry another.</summary>
    async Task<bool> HandleRequestAsync(HttpConnection connection, HttpRequestHead head)
    {
        EndpointBehavior behavior;
        RateLimitRule rule;
        lock (_gate)
            (behavior, rule) = (_behavior, _rateLimit);

        var elapsed = _clock.Elapsed;
        long sequence = 0;
        lock (_stats)
        {
            if (_totalRequests < _options.MaxRequests)
            {
                sequence = ++_totalRequests;
                _requestsByBehavior[behavior] = _requestsByBehavior.GetValueOrDefault(behavior) + 1;
            }
        }
        if (sequence == 0)
        {
            Stop($"max of {_options.MaxRequests} requests reached");
            return false;
        }

        void Record(int? status, long bodyBytes, bool complete, ParsedEnvelope? envelope, bool accepted, string? note)
        {
            var request = new ReceivedRequest(
                sequence, connection.Id, elapsed, behavior, head.Method, head.Target, status, bodyBytes, complete,
                head.ContentEncoding, head.Chunked, envelope?.Items.Select(i => i.Type).ToList() ?? [],
                envelope?.Events.Select(e => e.EventId!).ToList() ?? [], note);
            lock (_stats)
            {
                _requests.Add(request);
                if (envelope is { IsValid: true })
                    _envelopesRead++;
                if (accepted && envelope is not null)
                {
                    _envelopesAccepted++;
                    foreach (var item in envelope.Items)
                        _acceptedItemTypes[item.Type] = _acceptedItemTypes.GetValueOrDefault(item.Type) + 1;
                    _acceptedEvents.AddRange(envelope.Events);
                }
            }
            SignalChanged();
        }

        switch (behavior)
        {
            case EndpointBehavior.RefuseConnections:
                // Only a request racing the switch gets here; the switch resets open connections.
                Record(null, 0, false, null, false, "reset: the endpoint refuses connections");
                connection.Abort();
                return false;

            case EndpointBehavior.Hang:
                Record(null, 0, false, null, false, "hung after the request head");
                await connection.IgnoreUntilClosedAsync(_stopping.Token).ConfigureAwait(false);
                return false;

            case EndpointBehavior.CloseMidRequest:
            {
                var read = 0;
                using (var wait = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
                {
                    wait.CancelAfter(TimeSpan.FromMilliseconds(250));
                    try
                    {
                        if (head.Chunked || (head.ContentLength ?? 0) > 0)
                            read = await connection.ReadSomeAsync(CloseMidRequestAfterBodyBytes, wait.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
                Record(null, read, false, null, false, $"reset after {read} body bytes");
                connection.Abort();
                return false;
            }
        }

        // Accept, ServerError, PayloadTooLarge, RateLimited: read the whole body, then answer.
        BodyReadResult body;
        using (var idle = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
        {
            idle.CancelAfter(IdleTimeout);
            if (head.ExpectsContinue)
                await connection.SendAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), idle.Token).ConfigureAwait(false);
            body = await connection.ReadBodyAsync(head, _options.MaxBodyBytes, Math.Max(MaxDrainBytes, _options.MaxBodyBytes), idle.Token).ConfigureAwait(false);
        }
        if (!body.Complete)
        {
            Record(null, body.TotalBytes, false, null, false, body.Problem);
            connection.Abort();
            return false;
        }

        ParsedEnvelope? envelope = null;
        string? note = null;
        if (body.Truncated)
            note = $"body of {body.TotalBytes} bytes is over the {_options.MaxBodyBytes} kept: not parsed";
        else if (BodyDecoder.TryDecode(body.Kept, head.ContentEncoding, _options.MaxBodyBytes, out var decoded, out note))
            note = (envelope = EnvelopeParser.Parse(decoded)).Error;

        var isEnvelopeRoute = head.Method == "POST" && head.Path.TrimEnd('/') == $"/api/{ProjectId}/envelope";
        var (status, reason) = behavior switch
        {
            EndpointBehavior.ServerError => (500, "Internal Server Error"),
            EndpointBehavior.PayloadTooLarge => (413, "Payload Too Large"),
            _ when !isEnvelopeRoute => (404, "Not Found"),
            _ when body.Truncated => (413, "Payload Too Large"),
            _ when envelope is not { IsValid: true } => (400, "Bad Request"),
            EndpointBehavior.RateLimited when envelope.Items.Any(i => rule.Limits(i.Category)) => (429, "Too Many Requests"),
            _ => (200, "OK"),
        };

        List<KeyValuePair<string, string>> headers = [];
        if (status == 429)
        {
            headers.Add(new("Retry-After", rule.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture)));
            if (rule.SendSentryRateLimitsHeader)
                headers.Add(new("X-Sentry-Rate-Limits", rule.SentryRateLimitsHeader));
        }

        var accepted = status == 200;
        var responseBody = accepted ? $$"""{"id":"{{envelope?.EventId ?? ""}}"}""" : Detail(note ?? reason);
        // Recorded before answering, so that whoever got the answer finds it counted.
        Record(status, body.TotalBytes, true, envelope, accepted, note);
        await SendAsync(connection, status, reason, headers, responseBody, head.KeepAlive).ConfigureAwait(false);
        if (!head.KeepAlive)
            connection.Close();
        return head.KeepAlive;
    }

    static string Detail(string text) => $$"""{"detail":{{JsonSerializer.Serialize(text)}}}""";

    async Task SendAsync(HttpConnection connection, int status, string reason, List<KeyValuePair<string, string>> headers, string body, bool keepAlive)
    {
        var content = Encoding.UTF8.GetBytes(body);
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {reason}\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {content.Length}\r\n")
            .Append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
        foreach (var (name, value) in headers)
            text.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        text.Append("\r\n");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(IdleTimeout);
        await connection.SendAsync(Encoding.ASCII.GetBytes(text.ToString()).Concat(content).ToArray(), timeout.Token).ConfigureAwait(false);
    }

    void Count(Action increment)
    {
        lock (_stats)
            increment();
        SignalChanged();
    }

    void SignalChanged()
    {
        TaskCompletionSource changed;
        lock (_stats)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }
}
