using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Gatewayz.Logging.EndToEndTests.Support;

/// <summary>
/// A real Sentry envelope receiver for end-to-end tests: Spotlight's sidecar (npm <c>@spotlightjs/spotlight</c>,
/// pinned in <c>spotlight/package.json</c>) run as a child process on a free loopback port.
/// </summary>
/// <remarks>
/// <para>Send envelopes either with <c>SentryOptions.EnableSpotlight = true</c> and <c>SpotlightUrl = </c><see cref="StreamUrl"/>,
/// or through the SDK's ordinary transport with <c>Dsn = </c><see cref="Dsn"/>. Not both: the sidecar stores every POST it
/// receives, so enabling both delivers each envelope twice.</para>
/// <para>The fixture reads the sidecar's <c>GET /stream</c> (server-sent events) from start to dispose; the sidecar replays
/// everything it holds (its ring buffer keeps the last 500 envelopes) to a new reader, so nothing sent before the reader
/// connected is lost.</para>
/// <para>It never skips: without Node.js and npm, or when the sidecar does not come up, <see cref="StartAsync(CancellationToken)"/> throws.</para>
/// </remarks>
public sealed class SpotlightSidecar : IAsyncDisposable
{
    /// <summary>Where the spotlight directory lives, relative to the directory holding <see cref="SolutionFileName"/>.</summary>
    public const string RelativeDirectory = "tests/Gatewayz.Logging.EndToEndTests/spotlight";

    /// <summary>The file that marks the repository root.</summary>
    public const string SolutionFileName = "Gatewayz.Logging.sln";

    /// <summary>Environment variable that, when set, names the spotlight directory and overrides the search.</summary>
    public const string DirectoryVariable = "GATEWAYZ_SPOTLIGHT_DIR";

    const int MinimumNodeMajor = 20;
    const string InstallAdvice =
        "Install Node.js 20 or newer together with npm (the official installers and the 'nodejs' packages of most " +
        "distributions include npm; on Debian/Ubuntu: 'apt-get install nodejs npm', or use https://nodejs.org) and make " +
        "sure 'node' and 'npm' are on PATH.";

    static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    static readonly SemaphoreSlim InstallGate = new(1, 1);

    readonly Process _process;
    readonly OutputLog _output;
    readonly HttpClient _http;
    readonly CancellationTokenSource _stop = new();
    readonly Lock _gate = new();
    readonly List<SpotlightEnvelope> _envelopes = [];
    readonly HashSet<string> _seenStreamIds = new(StringComparer.Ordinal);
    readonly EventHandler _killOnExit;
    TaskCompletionSource _changed = NewSignal();
    Task _reader = Task.CompletedTask;
    string? _lastStreamId;
    string? _streamProblem;
    int _disposed;

    SpotlightSidecar(Process process, OutputLog output, HttpClient http, string directory)
    {
        _process = process;
        _output = output;
        _http = http;
        SpotlightDirectory = directory;
        ProcessId = process.Id;
        _killOnExit = (_, _) => KillProcessTree();
        AppDomain.CurrentDomain.ProcessExit += _killOnExit;
    }

    /// <summary>The spotlight directory the sidecar runs from.</summary>
    public string SpotlightDirectory { get; }

    /// <summary>The sidecar's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The value for <c>SentryOptions.SpotlightUrl</c>: <c>http://127.0.0.1:PORT/stream</c>.</summary>
    public string StreamUrl => new Uri(BaseUrl, "stream").ToString();

    /// <summary>A DSN whose ordinary ingestion endpoint (<c>/api/0/envelope/</c>) is this sidecar.</summary>
    public string Dsn => $"http://spotlight@{BaseUrl.Host}:{BaseUrl.Port}/0";

    /// <summary>The loopback port the sidecar listens on.</summary>
    public int Port => BaseUrl.Port;

    /// <summary>The sidecar's process id.</summary>
    public int ProcessId { get; }

    /// <summary>How long <c>npm ci</c> took in this start; zero when the packages were already installed.</summary>
    public TimeSpan InstallDuration { get; private set; }

    /// <summary>How long it took from starting the process until the sidecar answered and the stream reader was connected.</summary>
    public TimeSpan StartupDuration { get; private set; }

    /// <summary>What the sidecar printed (most recent lines only).</summary>
    public string Output => _output.ToString();

    /// <summary>Every envelope received so far, in arrival order.</summary>
    public IReadOnlyList<SpotlightEnvelope> Envelopes
    {
        get
        {
            lock (_gate)
                return _envelopes.ToArray();
        }
    }

    /// <summary>The payloads of every item of type <c>event</c> (error and message events) received so far.</summary>
    public IReadOnlyList<JsonElement> Events => ItemsOfType("event");

    /// <summary>The payloads of every item of the given type (<c>event</c>, <c>transaction</c>, <c>log</c>, ...) received so far.</summary>
    public IReadOnlyList<JsonElement> ItemsOfType(string type) =>
        Envelopes.SelectMany(e => e.Items).Where(i => i.Type == type).Select(i => i.Payload).ToArray();

    /// <summary>Starts a sidecar from the spotlight directory found by <see cref="LocateSpotlightDirectory"/>.</summary>
    public static Task<SpotlightSidecar> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(LocateSpotlightDirectory(), cancellationToken);

    /// <summary>Starts a sidecar from <paramref name="spotlightDirectory"/> (holding package.json, package-lock.json and sidecar.mjs).</summary>
    public static async Task<SpotlightSidecar> StartAsync(string spotlightDirectory, CancellationToken cancellationToken = default)
    {
        var directory = Path.GetFullPath(spotlightDirectory);
        foreach (var required in new[] { "package.json", "package-lock.json", "sidecar.mjs" })
        {
            if (!File.Exists(Path.Combine(directory, required)))
                throw new InvalidOperationException($"Spotlight directory '{directory}' has no {required}.");
        }

        var node = FindOnPath("node") ?? throw new InvalidOperationException(
            $"Spotlight end-to-end tests need Node.js, but 'node' is not on PATH. {InstallAdvice}");
        var npm = FindOnPath("npm") ?? throw new InvalidOperationException(
            $"Spotlight end-to-end tests need npm, but 'npm' is not on PATH (node is at '{node}'). {InstallAdvice}");
        await RequireNodeVersionAsync(node, cancellationToken).ConfigureAwait(false);

        var installDuration = await EnsureInstalledAsync(directory, npm, cancellationToken).ConfigureAwait(false);

        var output = new OutputLog();
        var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = ChildProcess(directory);
        start.FileName = node;
        foreach (var argument in new[] { "sidecar.mjs", "--port", "0", "--host", "127.0.0.1", "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        PrepareChildEnvironment(start);

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            output.Add("out", e.Data);
            if (TryParseReadyPort(e.Data) is { } port)
                ready.TrySetResult(port);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                output.Add("err", e.Data);
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("The sidecar process exited before it was ready."));

        var clock = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start '{node} sidecar.mjs' in '{directory}': {e.Message}. {InstallAdvice}", e);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = System.Net.DecompressionMethods.None })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var sidecar = new SpotlightSidecar(process, output, http, directory) { InstallDuration = installDuration };
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(ReadyTimeout);
            int port;
            try
            {
                port = await ready.Task.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                throw await sidecar.FailureAsync(
                    sidecar.HasExited()
                        ? $"The Spotlight sidecar exited with code {sidecar.SafeExitCode()} before it was ready"
                        : $"The Spotlight sidecar did not report readiness within {ReadyTimeout.TotalSeconds:0} s",
                    e).ConfigureAwait(false);
            }

            sidecar.BaseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
            await sidecar.WaitUntilHealthyAsync(deadline.Token, cancellationToken).ConfigureAwait(false);
            var firstResponse = await sidecar.OpenStreamAsync(deadline.Token).ConfigureAwait(false);
            sidecar._reader = Task.Run(() => sidecar.ReadStreamAsync(firstResponse), CancellationToken.None);
            sidecar.StartupDuration = clock.Elapsed;
            return sidecar;
        }
        catch
        {
            await sidecar.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Finds the spotlight directory: <see cref="DirectoryVariable"/> when set; otherwise walks up from
    /// <paramref name="startDirectory"/> (default <see cref="AppContext.BaseDirectory"/>) and takes, at the first level that
    /// has one, either a <c>spotlight</c> subdirectory holding package.json (a copy next to the test assembly) or
    /// <see cref="SolutionFileName"/> (then <see cref="RelativeDirectory"/> under it).
    /// </summary>
    public static string LocateSpotlightDirectory(string? startDirectory = null)
    {
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured)
            return Path.GetFullPath(configured);

        var start = startDirectory ?? AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var beside = Path.Combine(dir.FullName, "spotlight");
            if (File.Exists(Path.Combine(beside, "package.json")))
                return beside;
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
                return Path.Combine(dir.FullName, RelativeDirectory.Replace('/', Path.DirectorySeparatorChar));
        }

        throw new InvalidOperationException(
            $"Could not find the spotlight directory: no '{SolutionFileName}' and no 'spotlight/package.json' in '{start}' " +
            $"or any directory above it. Set {DirectoryVariable} to the directory holding Spotlight's package.json.");
    }

    /// <summary>Waits for the first event (item of type <c>event</c>) that <paramref name="match"/> accepts.</summary>
    public async Task<JsonElement> WaitForEventAsync(Func<JsonElement, bool> match, TimeSpan timeout)
    {
        var events = await WaitForEventsAsync(match, 1, timeout).ConfigureAwait(false);
        return events[0];
    }

    /// <summary>Waits until at least <paramref name="count"/> events match; returns all matching events received by then.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForEventsAsync(Func<JsonElement, bool> match, int count, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var clock = Stopwatch.StartNew();
        Exception? predicateError = null;
        while (true)
        {
            Task changed;
            lock (_gate)
                changed = _changed.Task;

            var matching = new List<JsonElement>();
            foreach (var evt in Events)
            {
                try
                {
                    if (match(evt))
                        matching.Add(evt);
                }
                catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or FormatException)
                {
                    predicateError = e;
                }
            }
            if (matching.Count >= count)
                return matching;

            var remaining = timeout - clock.Elapsed;
            if (remaining <= TimeSpan.Zero || (HasExited() && _reader.IsCompleted))
            {
                throw new TimeoutException(
                    $"Waited {clock.Elapsed.TotalSeconds:0.0} s for {count} matching event(s) from Spotlight at {BaseUrl}; " +
                    $"{matching.Count} matched." +
                    (predicateError is null ? "" : $" The predicate threw on some events: {predicateError.GetType().Name}: {predicateError.Message}") +
                    Environment.NewLine + Describe());
            }
            await Task.WhenAny(changed, Task.Delay(remaining < TimeSpan.FromSeconds(1) ? remaining : TimeSpan.FromSeconds(1))).ConfigureAwait(false);
        }
    }

    /// <summary>A readable summary of what arrived, the stream's state and the sidecar's recent output, for failure messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        var envelopes = Envelopes;
        text.AppendLine(CultureInfo.InvariantCulture, $"Received {envelopes.Count} envelope(s):");
        foreach (var envelope in envelopes)
            text.Append("  - ").AppendLine(envelope.ToString());
        if (_streamProblem is { } problem)
            text.AppendLine(CultureInfo.InvariantCulture, $"Stream reader: {problem}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Sidecar process {ProcessId}: {(HasExited() ? $"exited with code {SafeExitCode()}" : "running")}.");
        text.AppendLine("Sidecar output (most recent lines):");
        text.Append(_output.ToString());
        return text.ToString();
    }

    /// <summary>The <c>event_id</c> of an event payload, or null.</summary>
    public static string? EventIdOf(JsonElement evt) => StringProperty(evt, "event_id");

    /// <summary>A tag of an event payload, whether tags are an object (<c>{"k":"v"}</c>) or pairs (<c>[["k","v"]]</c>); or null.</summary>
    public static string? TagOf(JsonElement evt, string name)
    {
        if (evt.ValueKind != JsonValueKind.Object || !evt.TryGetProperty("tags", out var tags))
            return null;
        if (tags.ValueKind == JsonValueKind.Object)
            return tags.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (tags.ValueKind == JsonValueKind.Array)
        {
            foreach (var pair in tags.EnumerateArray())
            {
                if (pair.ValueKind == JsonValueKind.Array && pair.GetArrayLength() == 2 && pair[0].ValueKind == JsonValueKind.String &&
                    pair[0].GetString() == name && pair[1].ValueKind == JsonValueKind.String)
                    return pair[1].GetString();
            }
        }
        return null;
    }

    /// <summary>Stops the stream reader and kills the sidecar's process tree; waits a bounded time for both.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        AppDomain.CurrentDomain.ProcessExit -= _killOnExit;
        await _stop.CancelAsync().ConfigureAwait(false);
        KillProcessTree();
        using (var wait = new CancellationTokenSource(StopTimeout))
        {
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Reported below by the still-running check.
            }
            catch (InvalidOperationException)
            {
                // The process never started.
            }
        }
        await Task.WhenAny(_reader, Task.Delay(StopTimeout)).ConfigureAwait(false);
        var stillRunning = !HasExited();
        _http.Dispose();
        _process.Dispose();
        _stop.Dispose();
        if (stillRunning)
            throw new InvalidOperationException($"The Spotlight sidecar (pid {ProcessId}) did not exit within {StopTimeout.TotalSeconds:0} s of being killed.");
    }

    async Task WaitUntilHealthyAsync(CancellationToken deadline, CancellationToken caller)
    {
        var health = new Uri(BaseUrl, "health");
        string? last = null;
        while (true)
        {
            if (_process.HasExited)
                throw await FailureAsync($"The Spotlight sidecar exited with code {SafeExitCode()} before answering {health}", null).ConfigureAwait(false);
            try
            {
                using var probe = CancellationTokenSource.CreateLinkedTokenSource(deadline);
                probe.CancelAfter(ProbeTimeout);
                using var response = await _http.GetAsync(health, probe.Token).ConfigureAwait(false);
                var poweredBy = response.Headers.TryGetValues("X-Powered-By", out var values) ? string.Join(",", values) : "";
                if (response.IsSuccessStatusCode && poweredBy.Contains("spotlight", StringComparison.OrdinalIgnoreCase))
                    return;
                last = $"HTTP {(int)response.StatusCode}, X-Powered-By '{poweredBy}'";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
            {
                last = $"no answer within {ProbeTimeout.TotalSeconds:0} s";
            }
            catch (OperationCanceledException) when (!caller.IsCancellationRequested)
            {
                throw await FailureAsync($"The Spotlight sidecar did not answer {health} within {ReadyTimeout.TotalSeconds:0} s (last: {last})", null).ConfigureAwait(false);
            }

            try
            {
                await Task.Delay(100, deadline).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!caller.IsCancellationRequested)
            {
                throw await FailureAsync($"The Spotlight sidecar did not answer {health} within {ReadyTimeout.TotalSeconds:0} s (last: {last})", null).ConfigureAwait(false);
            }
        }
    }

    async Task<HttpResponseMessage> OpenStreamAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUrl, "stream?client=gatewayz-e2e"));
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (_lastStreamId is { } lastId)
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastId);
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw await FailureAsync($"GET /stream answered HTTP {status}", null).ConfigureAwait(false);
        }
        return response;
    }

    async Task ReadStreamAsync(HttpResponseMessage? response)
    {
        var token = _stop.Token;
        var failures = 0;
        while (!token.IsCancellationRequested)
        {
            try
            {
                response ??= await OpenStreamAsync(token).ConfigureAwait(false);
                using (response)
                {
                    var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                    using var reader = new StreamReader(stream, Encoding.UTF8);
                    await ParseEventsAsync(reader, token).ConfigureAwait(false);
                }
                _streamProblem = "the sidecar closed GET /stream; reconnecting";
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
            {
                _streamProblem = $"GET /stream failed: {e.GetType().Name}: {e.Message}";
            }
            response = null;
            Signal();
            if (HasExited())
            {
                _streamProblem += $" (the sidecar exited with code {SafeExitCode()})";
                return;
            }
            failures++;
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * failures)), token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // Server-sent events: "field: value" lines, a blank line ends a message; ':' starts a comment.
    async Task ParseEventsAsync(StreamReader reader, CancellationToken token)
    {
        string? eventName = null, id = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(token).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                    Accept(id, eventName ?? "message", data.ToString());
                eventName = null;
                id = null;
                data.Clear();
                continue;
            }
            if (line[0] == ':')
                continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' '))
                value = value[1..];
            switch (field)
            {
                case "event":
                    eventName = value;
                    break;
                case "data":
                    if (data.Length > 0)
                        data.Append('\n');
                    data.Append(value);
                    break;
                case "id":
                    id = value;
                    break;
            }
        }
    }

    void Accept(string? id, string eventName, string data)
    {
        SpotlightEnvelope envelope;
        try
        {
            envelope = SpotlightEnvelope.Parse(id, eventName, data);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            _streamProblem = $"could not parse a stream message ({eventName}, id {id}): {e.Message}; data: {Truncate(data, 300)}";
            return;
        }
        lock (_gate)
        {
            if (id is not null)
            {
                _lastStreamId = id;
                if (!_seenStreamIds.Add(id))
                    return; // replayed again after a reconnect
            }
            _envelopes.Add(envelope);
        }
        Signal();
    }

    void Signal()
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            previous = _changed;
            _changed = NewSignal();
        }
        previous.TrySetResult();
    }

    async Task<InvalidOperationException> FailureAsync(string what, Exception? inner)
    {
        if (HasExited())
        {
            // Let the last lines the process printed reach the log (bounded: a grandchild could hold the pipes open).
            using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(drain.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Report what we have.
            }
        }
        return new($"{what}. Directory: {SpotlightDirectory}. {Describe()}", inner);
    }

    void KillProcessTree()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Not started, or already gone.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exiting concurrently.
        }
    }

    bool HasExited()
    {
        try
        {
            return _process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    string SafeExitCode()
    {
        try
        {
            return _process.HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "(running)";
        }
        catch (InvalidOperationException)
        {
            return "(unknown)";
        }
    }

    static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    static int? TryParseReadyPort(string line)
    {
        if (!line.StartsWith('{'))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            return root.ValueKind == JsonValueKind.Object && StringProperty(root, "event") == "ready" &&
                root.TryGetProperty("port", out var port) && port.TryGetInt32(out var value) && value > 0
                ? value
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static void PrepareChildEnvironment(ProcessStartInfo start)
    {
        // The sidecar must not pick up the machine's Sentry settings (it would report into them) or write capture files.
        foreach (var name in start.Environment.Keys.ToArray())
        {
            if (name.StartsWith("SENTRY_", StringComparison.OrdinalIgnoreCase) ||
                name.StartsWith("NEXT_PUBLIC_SENTRY_", StringComparison.OrdinalIgnoreCase) ||
                name.Equals("SPOTLIGHT_CAPTURE", StringComparison.OrdinalIgnoreCase))
                start.Environment.Remove(name);
        }
        start.Environment["NO_COLOR"] = "1";
        start.Environment["FORCE_COLOR"] = "0";
        start.Environment["npm_config_update_notifier"] = "false";
        start.Environment["npm_config_fund"] = "false";
        start.Environment["npm_config_audit"] = "false";
    }

    static async Task RequireNodeVersionAsync(string node, CancellationToken cancellationToken)
    {
        var (exitCode, output, timedOut) = await RunAsync(node, ["--version"], Environment.CurrentDirectory, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        var text = output.Trim();
        var version = System.Text.RegularExpressions.Regex.Match(text, @"\bv(\d+)\.\d+\.\d+");
        var versionLine = version.Success ? version.Value : text;
        if (timedOut || exitCode != 0 || !version.Success ||
            !int.TryParse(version.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major))
            throw new InvalidOperationException($"'{node} --version' did not work (exit code {exitCode}{(timedOut ? ", timed out" : "")}): {text}. {InstallAdvice}");
        if (major < MinimumNodeMajor)
            throw new InvalidOperationException($"Spotlight needs Node.js {MinimumNodeMajor} or newer, but '{node}' is {versionLine}. {InstallAdvice}");
    }

    // Runs `npm ci` when node_modules does not hold exactly what package-lock.json pins. Serialised within this process
    // and, through a lock file in the temp directory, across processes that share the spotlight directory.
    static async Task<TimeSpan> EnsureInstalledAsync(string directory, string npm, CancellationToken cancellationToken)
    {
        if (IsInstalled(directory))
            return TimeSpan.Zero;

        await InstallGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var fileLock = await AcquireFileLockAsync(directory, cancellationToken).ConfigureAwait(false);
            if (IsInstalled(directory))
                return TimeSpan.Zero;

            var clock = Stopwatch.StartNew();
            var (exitCode, output, timedOut) = await RunAsync(
                npm,
                ["ci", "--no-audit", "--no-fund", "--no-progress", "--ignore-scripts", "--loglevel=warn"],
                directory,
                InstallTimeout,
                cancellationToken).ConfigureAwait(false);
            if (timedOut || exitCode != 0 || !IsInstalled(directory))
            {
                throw new InvalidOperationException(
                    $"'npm ci' in '{directory}' {(timedOut ? $"did not finish within {InstallTimeout.TotalMinutes:0} minutes" : $"failed with exit code {exitCode}")}" +
                    $"{(exitCode == 0 && !timedOut ? " and left node_modules incomplete" : "")}. It needs the npm registry (or a filled npm cache). Output:" +
                    Environment.NewLine + output);
            }
            return clock.Elapsed;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    // Installed = every non-optional package in package-lock.json is in node_modules at the pinned version, as npm's own
    // record of the tree (node_modules/.package-lock.json, written at the end of an install) says.
    static bool IsInstalled(string directory)
    {
        var installedRecord = Path.Combine(directory, "node_modules", ".package-lock.json");
        if (!File.Exists(installedRecord))
            return false;
        try
        {
            using var wanted = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "package-lock.json")));
            using var installed = JsonDocument.Parse(File.ReadAllBytes(installedRecord));
            if (!installed.RootElement.TryGetProperty("packages", out var have))
                return false;
            foreach (var package in wanted.RootElement.GetProperty("packages").EnumerateObject())
            {
                if (package.Name.Length == 0)
                    continue;
                if (package.Value.TryGetProperty("optional", out var optional) && optional.ValueKind == JsonValueKind.True)
                    continue;
                if (!have.TryGetProperty(package.Name, out var entry) ||
                    StringProperty(entry, "version") != StringProperty(package.Value, "version"))
                    return false;
                if (!File.Exists(Path.Combine(directory, package.Name.Replace('/', Path.DirectorySeparatorChar), "package.json")))
                    return false;
            }
            return true;
        }
        catch (Exception e) when (e is JsonException or IOException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    static async Task<FileStream> AcquireFileLockAsync(string directory, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(directory)))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"gatewayz-spotlight-npm-{hash}.lock");
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (clock.Elapsed < InstallTimeout)
            {
                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A child process started without a window or a shell, its three streams redirected (UTF-8).</summary>
    static ProcessStartInfo ChildProcess(string workingDirectory) => new()
    {
        WorkingDirectory = workingDirectory,
        UseShellExecute = false,
        CreateNoWindow = true,
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        StandardOutputEncoding = Encoding.UTF8,
        StandardErrorEncoding = Encoding.UTF8,
    };

    // Runs a command without stdin, captures stdout+stderr (bounded), kills its tree when it overruns.
    static async Task<(int ExitCode, string Output, bool TimedOut)> RunAsync(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = ChildProcess(workingDirectory);
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows) &&
            (fileName.EndsWith(".cmd", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".bat", StringComparison.OrdinalIgnoreCase)))
        {
            // npm is a .cmd shim on Windows; run it through cmd.exe.
            start.FileName = Environment.GetEnvironmentVariable("ComSpec") ?? "cmd.exe";
            start.ArgumentList.Add("/d");
            start.ArgumentList.Add("/c");
            start.ArgumentList.Add(fileName);
        }
        else
        {
            start.FileName = fileName;
        }
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        PrepareChildEnvironment(start);

        var output = new OutputLog();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                output.Add("out", e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                output.Add("err", e.Data);
        };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not run '{fileName}': {e.Message}. {InstallAdvice}", e);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            return (process.ExitCode, output.ToString(), false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            using var grace = new CancellationTokenSource(StopTimeout);
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Reported through the result.
            }
            cancellationToken.ThrowIfCancellationRequested();
            return (-1, output.ToString(), true);
        }
    }

    static string? FindOnPath(string name)
    {
        var extensions = RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
            ? (Environment.GetEnvironmentVariable("PATHEXT") ?? ".COM;.EXE;.BAT;.CMD").Split(';', StringSplitOptions.RemoveEmptyEntries)
            : [""];
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(dir.Trim('"'), name + extension);
                if (File.Exists(candidate) && (OperatingSystem.IsWindows() || IsExecutable(candidate)))
                    return candidate;
            }
        }
        return null;
    }

    static bool IsExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
            return true;
        var mode = File.GetUnixFileMode(path);
        return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }

    static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    // The most recent lines a child printed, bounded in count and length.
    sealed class OutputLog
    {
        const int MaxLines = 300;
        const int MaxLineLength = 2000;
        readonly Queue<string> _lines = new();
        readonly Lock _gate = new();
        int _dropped;

        public void Add(string stream, string line)
        {
            var entry = $"[{stream}] {Truncate(line, MaxLineLength)}";
            lock (_gate)
            {
                _lines.Enqueue(entry);
                while (_lines.Count > MaxLines)
                {
                    _lines.Dequeue();
                    _dropped++;
                }
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                var text = new StringBuilder();
                if (_dropped > 0)
                    text.AppendLine(CultureInfo.InvariantCulture, $"    ({_dropped} earlier line(s) dropped)");
                foreach (var line in _lines)
                    text.Append("    ").AppendLine(line);
                if (_lines.Count == 0)
                    text.AppendLine("    (nothing)");
                return text.ToString();
            }
        }
    }
}
