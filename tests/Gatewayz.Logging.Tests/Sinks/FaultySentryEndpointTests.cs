using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Gatewayz.Logging.Tests.Support;

namespace Gatewayz.Logging.Tests;

/// <summary>The fake endpoint itself, driven by a plain HttpClient and raw sockets (no Sentry SDK).</summary>
public sealed class FaultySentryEndpointTests
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    static HttpClient NewClient(TimeSpan? timeout = null) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
        };

    static async Task<HttpResponseMessage> PostAsync(HttpClient client, FaultySentryEndpoint endpoint, byte[] body, bool gzip = false, bool chunked = false, bool expectContinue = false, bool close = false)
    {
        var bytes = gzip ? TestEnvelopes.Gzip(body) : body;
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.EnvelopeUri)
        {
            Content = new ByteArrayContent(bytes),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-sentry-envelope");
        if (gzip)
            request.Content.Headers.ContentEncoding.Add("gzip");
        request.Headers.TransferEncodingChunked = chunked;
        request.Headers.ExpectContinue = expectContinue;
        // With close, the endpoint closes first: its side of the connection lingers in TIME_WAIT.
        request.Headers.ConnectionClose = close;
        return await client.SendAsync(request);
    }

    static async Task<SocketError> ConnectErrorAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).WaitAsync(TimeSpan.FromSeconds(5));
            return SocketError.Success;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode;
        }
    }

    [Fact]
    public async Task Accept_reads_plain_gzip_and_chunked_envelopes_and_counts_event_ids_and_duplicates()
    {
        await using var endpoint = FaultySentryEndpoint.Start();
        using var client = NewClient();
        var ids = Enumerable.Range(0, 5).Select(_ => TestEnvelopes.NewEventId()).ToArray();

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, endpoint, TestEnvelopes.Event(ids[0]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, endpoint, TestEnvelopes.Event(ids[1]), gzip: true)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, endpoint, TestEnvelopes.Event(ids[2]), chunked: true)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, endpoint, TestEnvelopes.Event(ids[3], withLength: false), gzip: true, chunked: true)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, endpoint, TestEnvelopes.Event(ids[4]), expectContinue: true)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, endpoint, TestEnvelopes.Event(ids[0]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, endpoint, TestEnvelopes.Session())).StatusCode);

        await endpoint.WaitForEventsAsync(5, Wait);
        var seen = endpoint.Snapshot();
        Assert.Equal(7, seen.TotalRequests);
        Assert.Equal(7, seen.RequestsUnder(EndpointBehavior.Accept));
        Assert.Equal(7, seen.EnvelopesRead);
        Assert.Equal(7, seen.EnvelopesAccepted);
        Assert.Equal(ids.Append(ids[0]), seen.AcceptedEventIds);
        Assert.Equal([ids[0]], seen.DuplicateEventIds);
        Assert.All(seen.AcceptedMessages, m => Assert.Equal("m", m));
        Assert.Equal(6, seen.AcceptedItemTypes["event"]);
        Assert.Equal(1, seen.AcceptedItemTypes["session"]);
        Assert.Equal(["gzip", "gzip"], seen.Requests.Where(r => r.ContentEncoding is not null).Select(r => r.ContentEncoding));
        Assert.Equal(2, seen.Requests.Count(r => r.Chunked));
        Assert.True(seen.ConnectionsAccepted <= 2, seen.ToString()); // keep-alive reuses the connection
        Assert.Equal(seen.Requests.Select(r => r.Elapsed).Order(), seen.Requests.Select(r => r.Elapsed));
    }

    [Fact]
    public async Task Requests_other_than_envelope_posts_and_malformed_envelopes_are_counted_and_refused()
    {
        await using var endpoint = FaultySentryEndpoint.Start();
        using var client = NewClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"http://127.0.0.1:{endpoint.Port}/"))).StatusCode);
        using var content = new ByteArrayContent("not an envelope\n"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(endpoint.EnvelopeUri, content)).StatusCode);
        using var badGzip = new ByteArrayContent([1, 2, 3]);
        badGzip.Headers.ContentEncoding.Add("gzip");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(endpoint.EnvelopeUri, badGzip)).StatusCode);

        var seen = endpoint.Snapshot();
        Assert.Equal(3, seen.TotalRequests);
        Assert.Equal(0, seen.EnvelopesRead);
        Assert.Empty(seen.AcceptedEventIds);
        Assert.All(seen.Requests.Skip(1), r => Assert.NotNull(r.Note));
    }

    [Fact]
    public async Task RefuseConnections_refuses_at_tcp_level_and_Accept_listens_again_on_the_same_port_every_time()
    {
        await using var endpoint = FaultySentryEndpoint.Start();
        using var client = NewClient();
        var port = endpoint.Port;

        for (var round = 0; round < 10; round++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, endpoint, TestEnvelopes.Event(TestEnvelopes.NewEventId()), close: true)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, endpoint, TestEnvelopes.Event(TestEnvelopes.NewEventId()))).StatusCode);

            endpoint.Behavior = EndpointBehavior.RefuseConnections;
            Assert.Equal(SocketError.ConnectionRefused, await ConnectErrorAsync(port));
            var failure = await Assert.ThrowsAsync<HttpRequestException>(() => PostAsync(client, endpoint, TestEnvelopes.Event(TestEnvelopes.NewEventId())));
            Assert.Equal(HttpRequestError.ConnectionError, failure.HttpRequestError);

            endpoint.Behavior = EndpointBehavior.Accept;
            Assert.Equal(port, endpoint.Port);
        }

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, endpoint, TestEnvelopes.Event(TestEnvelopes.NewEventId()))).StatusCode);
        var seen = endpoint.Snapshot();
        Assert.Equal(21, seen.DistinctEventCount);
        Assert.Equal(0, seen.RequestsUnder(EndpointBehavior.RefuseConnections));
    }

    [Fact]
    public async Task Endpoint_can_start_refusing_and_come_up_later()
    {
        await using var endpoint = FaultySentryEndpoint.Start(new() { InitialBehavior = EndpointBehavior.RefuseConnections });
        Assert.Equal(SocketError.ConnectionRefused, await ConnectErrorAsync(endpoint.Port));
        endpoint.Behavior = EndpointBehavior.Accept;
        using var client = NewClient();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, endpoint, TestEnvelopes.Event(TestEnvelopes.NewEventId()))).StatusCode);
    }

    [Fact]
    public async Task Hang_never_answers_even_after_the_behaviour_changes_while_new_connections_get_the_new_behaviour()
    {
        await using var endpoint = FaultySentryEndpoint.Start(new() { InitialBehavior = EndpointBehavior.Hang });
        using var client = NewClient(TimeSpan.FromSeconds(30));
        var hung = PostAsync(client, endpoint, TestEnvelopes.Event(TestEnvelopes.NewEventId()));
        await endpoint.WaitForRequestsAsync(1, Wait);

        endpoint.Behavior = EndpointBehavior.Accept;
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, endpoint, TestEnvelopes.Event(TestEnvelopes.NewEventId()))).StatusCode);
        await Task.Delay(300);
        Assert.False(hung.IsCompleted);

        endpoint.Behavior = EndpointBehavior.RefuseConnections; // nothing listens: open connections are reset
        await Assert.ThrowsAsync<HttpRequestException>(() => hung.WaitAsync(Wait));
        var seen = endpoint.Snapshot();
        Assert.Null(Assert.Single(seen.Requests, r => r.Behavior == EndpointBehavior.Hang).StatusCode);
        Assert.Equal(1, seen.DistinctEventCount);
    }

    [Fact]
    public async Task Disposal_is_quick_with_hanging_connections()
    {
        var endpoint = FaultySentryEndpoint.Start(new() { InitialBehavior = EndpointBehavior.Hang });
        using var client = NewClient(TimeSpan.FromSeconds(60));
        var pending = Enumerable.Range(0, 10)
            .Select(_ => PostAsync(client, endpoint, TestEnvelopes.Event(TestEnvelopes.NewEventId())))
            .ToArray();
        await endpoint.WaitForRequestsAsync(10, Wait);

        var watch = Stopwatch.StartNew();
        await endpoint.DisposeAsync();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"disposed in {watch.Elapsed}");
        foreach (var request in pending)
            await Assert.ThrowsAsync<HttpRequestException>(() => request);
        Assert.Equal("disposed", endpoint.StopReason);
        Assert.Equal(SocketError.ConnectionRefused, await ConnectErrorAsync(endpoint.Port));
    }

    [Theory]
    [InlineData(EndpointBehavior.ServerError, HttpStatusCode.InternalServerError)]
    [InlineData(EndpointBehavior.PayloadTooLarge, HttpStatusCode.RequestEntityTooLarge)]
    public async Task Error_behaviours_read_the_envelope_and_answer_their_status(EndpointBehavior behavior, HttpStatusCode expected)
    {
        await using var endpoint = FaultySentryEndpoint.Start(new() { InitialBehavior = behavior });
        using var client = NewClient();

        Assert.Equal(expected, (await PostAsync(client, endpoint, TestEnvelopes.Event(TestEnvelopes.NewEventId()), gzip: true)).StatusCode);

        var seen = endpoint.Snapshot();
        Assert.Equal(1, seen.RequestsUnder(behavior));
        Assert.Equal(1, seen.EnvelopesRead);
        Assert.Equal(0, seen.EnvelopesAccepted);
        Assert.Empty(seen.AcceptedEventIds);
        Assert.Equal((int)expected, Assert.Single(seen.Requests).StatusCode);
    }

    [Fact]
    public async Task RateLimited_answers_429_with_both_headers_only_for_limited_categories()
    {
        await using var endpoint = FaultySentryEndpoint.Start(new() { InitialBehavior = EndpointBehavior.RateLimited, RateLimit = RateLimitRule.Errors(7) });
        using var client = NewClient();

        using var limited = await PostAsync(client, endpoint, TestEnvelopes.Event(TestEnvelopes.NewEventId()));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), limited.Headers.RetryAfter?.Delta);
        Assert.Equal("7:error:organization", Assert.Single(limited.Headers.GetValues("X-Sentry-Rate-Limits")));

        using var session = await PostAsync(client, endpoint, TestEnvelopes.Session());
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);

        endpoint.RateLimit = RateLimitRule.Everything(3);
        using var all = await PostAsync(client, endpoint, TestEnvelopes.Session());
        Assert.Equal(HttpStatusCode.TooManyRequests, all.StatusCode);
        Assert.Equal("3::organization", Assert.Single(all.Headers.GetValues("X-Sentry-Rate-Limits")));

        endpoint.RateLimit = RateLimitRule.Errors(2) with { SendSentryRateLimitsHeader = false };
        using var plain = await PostAsync(client, endpoint, TestEnvelopes.Event(TestEnvelopes.NewEventId()));
        Assert.Equal(HttpStatusCode.TooManyRequests, plain.StatusCode);
        Assert.False(plain.Headers.Contains("X-Sentry-Rate-Limits"));

        var seen = endpoint.Snapshot();
        Assert.Equal(4, seen.RequestsUnder(EndpointBehavior.RateLimited));
        Assert.Equal(3, seen.RequestsAnswered(429));
        Assert.Equal(1, seen.EnvelopesAccepted);
        Assert.Equal(1, seen.AcceptedItemTypes["session"]);
    }

    [Fact]
    public async Task CloseMidRequest_resets_the_connection_without_a_response()
    {
        await using var endpoint = FaultySentryEndpoint.Start(new() { InitialBehavior = EndpointBehavior.CloseMidRequest });
        using var client = NewClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => PostAsync(client, endpoint, TestEnvelopes.Event(TestEnvelopes.NewEventId(), padding: 200_000)));

        // At the socket level: the head is read, then RST instead of any byte of response.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, endpoint.Port);
        var body = TestEnvelopes.Event(TestEnvelopes.NewEventId());
        await socket.SendAsync(Encoding.ASCII.GetBytes($"POST /api/1/envelope/ HTTP/1.1\r\nHost: x\r\nContent-Length: {body.Length + 1000}\r\n\r\n").Concat(body).ToArray());
        var error = await Assert.ThrowsAsync<SocketException>(async () =>
        {
            var buffer = new byte[100];
            while (await socket.ReceiveAsync(buffer).WaitAsync(Wait) > 0)
                Assert.Fail("The endpoint answered.");
            Assert.Fail("The endpoint closed gracefully instead of resetting.");
        });
        Assert.Equal(SocketError.ConnectionReset, error.SocketErrorCode);
        Assert.True(endpoint.Snapshot().RequestsUnder(EndpointBehavior.CloseMidRequest) >= 2);
    }

    [Fact]
    public async Task Stops_by_itself_after_its_lifetime()
    {
        await using var endpoint = FaultySentryEndpoint.Start(new() { MaxLifetime = TimeSpan.FromMilliseconds(300) });
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => endpoint.WaitForEventsAsync(1, Wait));
        Assert.Contains("max lifetime", failure.Message, StringComparison.Ordinal);
        Assert.Equal(SocketError.ConnectionRefused, await ConnectErrorAsync(endpoint.Port));
        endpoint.Behavior = EndpointBehavior.Accept; // allowed, but it stays stopped
        Assert.Equal(SocketError.ConnectionRefused, await ConnectErrorAsync(endpoint.Port));
    }

    [Fact]
    public async Task Stops_by_itself_past_its_request_limit()
    {
        await using var endpoint = FaultySentryEndpoint.Start(new() { MaxRequests = 3 });
        using var client = NewClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, endpoint, TestEnvelopes.Event(TestEnvelopes.NewEventId()))).StatusCode);

        await Assert.ThrowsAsync<HttpRequestException>(() => PostAsync(client, endpoint, TestEnvelopes.Event(TestEnvelopes.NewEventId())));
        Assert.Contains("max of 3 requests", endpoint.StopReason, StringComparison.Ordinal);
        Assert.Equal(3, endpoint.Snapshot().TotalRequests);
    }

    [Fact]
    public async Task Bodies_over_the_cap_are_read_and_counted_but_not_kept()
    {
        await using var endpoint = FaultySentryEndpoint.Start(new() { MaxBodyBytes = 4096 });
        using var client = NewClient();

        var big = TestEnvelopes.Event(TestEnvelopes.NewEventId(), padding: 50_000);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostAsync(client, endpoint, big)).StatusCode);
        // Small on the wire, large once decompressed.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(client, endpoint, big, gzip: true)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, endpoint, TestEnvelopes.Event(TestEnvelopes.NewEventId()))).StatusCode);

        var seen = endpoint.Snapshot();
        Assert.Equal(big.Length, seen.Requests[0].BodyBytes);
        Assert.True(seen.Requests[0].BodyComplete);
        Assert.Contains("over the 4096", seen.Requests[0].Note, StringComparison.Ordinal);
        Assert.Contains("decodes to more than", seen.Requests[1].Note, StringComparison.Ordinal);
        Assert.Equal(1, seen.EnvelopesAccepted);
    }

    [Fact]
    public async Task Connections_over_the_cap_are_reset()
    {
        await using var endpoint = FaultySentryEndpoint.Start(new() { MaxConnections = 2, InitialBehavior = EndpointBehavior.Hang });
        var sockets = new List<Socket>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(socket);
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, endpoint.Port);
                }
                catch (SocketException)
                {
                    // A rejected connection may be reset before the connect reports success.
                }
            }

            await endpoint.WaitUntilAsync(s => s.ConnectionsRejected == 2, Wait, "2 rejected connections");
            Assert.Equal(2, endpoint.Snapshot().ConnectionsAccepted);
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task WaitForEventsAsync_times_out_with_what_was_seen()
    {
        await using var endpoint = FaultySentryEndpoint.Start();
        var watch = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<TimeoutException>(() => endpoint.WaitForEventsAsync(1, TimeSpan.FromMilliseconds(200)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2));
        Assert.Contains("requests=0", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parser_reads_items_with_and_without_length_and_reports_malformed_envelopes()
    {
        var id = TestEnvelopes.NewEventId();
        var text = $$"""{"event_id":"{{id}}"}""" + "\n" +
                   """{"type":"attachment","length":5}""" + "\nab\ncd\n" +
                   """{"type":"event"}""" + "\n" + $$$"""{"event_id":"{{{Guid.Parse(id):D}}}","logentry":{"formatted":"Order 7 failed"}}""" + "\n" +
                   """{"type":"client_report"}""" + "\n{}";
        var parsed = EnvelopeParser.Parse(Encoding.UTF8.GetBytes(text));
        Assert.True(parsed.IsValid, parsed.Error);
        Assert.Equal(["attachment", "event", "client_report"], parsed.Items.Select(i => i.Type));
        Assert.Equal(5, parsed.Items[0].PayloadBytes);
        Assert.Equal([id], parsed.Events.Select(e => e.EventId));
        Assert.Equal("Order 7 failed", parsed.Events.Single().Message);
        Assert.Equal(["attachment", "error", "internal"], parsed.Items.Select(i => i.Category));

        Assert.False(EnvelopeParser.Parse("{}\n{\"type\":\"event\",\"length\":99}\n{}"u8.ToArray()).IsValid);
        Assert.False(EnvelopeParser.Parse("{}\n{\"length\":2}\n{}"u8.ToArray()).IsValid);
        Assert.False(EnvelopeParser.Parse(""u8.ToArray()).IsValid);
    }
}
