using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using MockServer.Tests.Support;
using TwoFactorContracts.MockServer.Edge;

namespace MockServer.Tests.Edge;

/// <summary>
/// The HTTP edge (issue 22): a request line or headers over the mock's limits (Kestrel's defaults: 8 KiB line,
/// 32 KiB of headers, 100 headers) are answered 414/431 in the API's envelope and negotiated media type, up to
/// Kestrel's raised limits; beyond those, and for what Kestrel refuses while parsing (a %00 in the path), Kestrel
/// answers itself without a body. After every refusal the server still serves. Requests go over raw sockets, so
/// every byte of the head is the test's.
/// </summary>
public sealed class EdgeTests(MockFixture mock) : IClassFixture<MockFixture>
{
    private const string Collection = ApiClient.Collection;

    public enum Kind { RequestLine, HeaderBytes, HeaderCount }

    public static TheoryData<Kind, string?> KindsAndAccepts() => new()
    {
        { Kind.RequestLine, null }, { Kind.RequestLine, "application/xml" },
        { Kind.HeaderBytes, null }, { Kind.HeaderBytes, "application/xml" },
        { Kind.HeaderCount, null }, { Kind.HeaderCount, "application/xml" },
    };

    [Theory]
    [MemberData(nameof(KindsAndAccepts))]
    public async Task A_head_over_the_mocks_limit_is_answered_in_the_envelope_and_negotiated_type(Kind kind, string? accept)
    {
        var headers = new List<string> { Credential() };
        if (accept is not null) headers.Add($"Accept: {accept}");
        var target = Collection;
        switch (kind)
        {
            case Kind.RequestLine: target = $"{Collection}/{new string('A', 9_000)}"; break;
            case Kind.HeaderBytes: headers.Add($"X-Padding: {new string('p', 33_000)}"); break;
            case Kind.HeaderCount: headers.AddRange(Enumerable.Range(0, 120).Select(i => $"X-H{i}: v")); break;
        }

        var answer = await SendAsync(Head("GET", target, headers));

        var (status, messageId) = kind switch
        {
            Kind.RequestLine => (414, "URI_TOO_LONG"),
            _ => (431, "REQUEST_HEADER_FIELDS_TOO_LARGE"),
        };
        answer.ShouldBeEnvelope(status, messageId, accept is null ? "json" : "xml");
        answer.Headers.ShouldContainKey("x-request-id");
        await ShouldStillServeAsync();
    }

    [Fact]
    public async Task The_texts_name_the_limits()
    {
        EdgeError.UriTooLong.Text.ShouldBe("Request line exceeds the limit of 8192 bytes");
        EdgeError.HeadersTooLarge.Text.ShouldBe("Request headers exceed the limit of 32768 bytes");
        EdgeError.TooManyHeaders.Text.ShouldBe("Request headers exceed the limit of 100 fields");
        var answer = await SendAsync(Head("GET", $"{Collection}/{new string('A', 9_000)}", [Credential(), "Accept: application/json"]));
        JsonNode.Parse(answer.Body)!["requestError"]!["serviceException"]!["text"]!.GetValue<string>().ShouldBe(EdgeError.UriTooLong.Text);
    }

    [Fact]
    public async Task A_request_line_of_exactly_the_limit_is_the_mocks_and_one_byte_more_is_414()
    {
        // "GET " + target + " HTTP/1.1\r\n": 4 + target + 11 bytes.
        var atLimit = $"{Collection}/{new string('A', EdgeLimits.MaxRequestLineBytes - 15 - Collection.Length - 1)}";
        (4 + atLimit.Length + 11).ShouldBe(EdgeLimits.MaxRequestLineBytes);
        var answer = await SendAsync(Head("GET", atLimit, [Credential(), "Accept: application/json"]));
        answer.ShouldBeEnvelope(404, "APPLICATION_NOT_FOUND", "json");

        answer = await SendAsync(Head("GET", atLimit + "A", [Credential(), "Accept: application/json"]));
        answer.ShouldBeEnvelope(414, "URI_TOO_LONG", "json");
    }

    [Fact]
    public async Task Headers_of_exactly_the_limit_are_the_mocks_and_one_byte_more_is_431()
    {
        // Header lines "name:value\r\n"; the head also has Host and Connection (see Head).
        string[] Headers(int padding) => [Credential().Replace(": ", ":"), $"X-Padding:{new string('p', padding)}"];
        var fixedBytes = HeaderBytes(Headers(0));
        var atLimit = Headers(EdgeLimits.MaxHeadersTotalBytes - fixedBytes);
        HeaderBytes(atLimit).ShouldBe(EdgeLimits.MaxHeadersTotalBytes);
        (await SendAsync(Head("GET", Collection, atLimit, compact: true))).Status.ShouldBe(200);

        var answer = await SendAsync(Head("GET", Collection, Headers(EdgeLimits.MaxHeadersTotalBytes - fixedBytes + 1), compact: true));
        answer.ShouldBeEnvelope(431, "REQUEST_HEADER_FIELDS_TOO_LARGE", "json");
    }

    [Fact]
    public async Task A_hundred_header_lines_are_the_mocks_and_one_more_is_431()
    {
        // Host, Connection and the credential are three of them; a repeated name counts each line.
        var hundred = new List<string> { Credential() };
        hundred.AddRange(Enumerable.Range(0, EdgeLimits.MaxHeaderCount - 3).Select(_ => "X-Same: v"));
        (await SendAsync(Head("GET", Collection, hundred))).Status.ShouldBe(200);

        var answer = await SendAsync(Head("GET", Collection, [.. hundred, "X-Same: one too many"]));
        answer.ShouldBeEnvelope(431, "REQUEST_HEADER_FIELDS_TOO_LARGE", "json");
    }

    [Fact]
    public async Task The_connection_stays_usable_after_a_refusal()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(mock.Host.BaseUrl.Host, mock.Host.BaseUrl.Port, timeout.Token);
        var stream = tcp.GetStream();
        var refused = Head("GET", $"{Collection}/{new string('A', 9_000)}", [Credential(), "Accept: application/json"]).Replace("Connection: close\r\n", "");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(refused), timeout.Token);
        var first = await ReadOneAnswerAsync(stream, timeout.Token);
        first.ShouldBeEnvelope(414, "URI_TOO_LONG", "json");
        first.Headers.ShouldNotContainKey("connection");

        await stream.WriteAsync(Encoding.ASCII.GetBytes(Head("GET", Collection, [Credential(), "Accept: application/json"])), timeout.Token);
        var second = await ReadOneAnswerAsync(stream, timeout.Token);
        second.Status.ShouldBe(200, second.ToString());
    }

    /// <summary>One answer with a Content-Length off a kept-alive connection.</summary>
    private static async Task<RawAnswer> ReadOneAnswerAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[16384];
        while (true)
        {
            var text = Encoding.UTF8.GetString([.. received]);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var answer = RawAnswer.Parse(text);
                var length = int.Parse(answer.Headers["content-length"], System.Globalization.CultureInfo.InvariantCulture);
                if (received.Count >= end + 4 + length) return answer;
            }
            var n = await stream.ReadAsync(buffer, cancellationToken);
            if (n == 0) throw new ShouldAssertException($"the connection closed: '{text}'");
            received.AddRange(buffer.AsSpan(0, n));
        }
    }

    [Fact]
    public async Task The_admin_api_answers_the_same_envelope()
    {
        var answer = await SendAsync(Head("GET", $"/__admin/mappings?x={new string('q', 9_000)}", ["Accept: application/xml"]));
        answer.ShouldBeEnvelope(414, "URI_TOO_LONG", "xml");
        answer = await SendAsync(Head("GET", "/__admin/health", [$"X-Padding: {new string('p', 33_000)}"]));
        answer.ShouldBeEnvelope(431, "REQUEST_HEADER_FIELDS_TOO_LARGE", "json");
    }

    [Fact]
    public async Task An_xml_body_without_accept_gets_the_refusal_in_xml()
    {
        var head = Head("POST", Collection, [Credential(), "Content-Type: application/xml", "Content-Length: 0", $"X-Padding: {new string('p', 33_000)}"]);
        (await SendAsync(head)).ShouldBeEnvelope(431, "REQUEST_HEADER_FIELDS_TOO_LARGE", "xml");
    }

    [Fact]
    public async Task Accept_allowing_neither_type_gets_the_refusal_in_json()
    {
        var head = Head("GET", $"{Collection}/{new string('A', 9_000)}", [Credential(), "Accept: text/html"]);
        (await SendAsync(head)).ShouldBeEnvelope(414, "URI_TOO_LONG", "json");
    }

    // What Kestrel answers itself, before any of the mock's code runs: documented here so a change is noticed.

    [Theory]
    [InlineData("/2fa/2/applications/a%00b")]
    [InlineData("/2fa/2/applications/%00")]
    public async Task A_nul_in_the_path_is_refused_by_kestrel_itself_400_without_a_body(string target)
    {
        var answer = await SendAsync(Head("GET", target, [Credential(), "Accept: application/json"]));
        answer.Status.ShouldBe(400);
        answer.Body.ShouldBeEmpty();
        await ShouldStillServeAsync();
    }

    [Fact]
    public async Task A_nul_in_the_query_stays_encoded_and_reaches_the_mock()
    {
        var answer = await SendAsync(Head("GET", $"{Collection}?x=%00", [Credential(), "Accept: application/json"]));
        answer.Headers.ShouldContainKey("x-request-id");
        answer.Status.ShouldBeLessThan(500, answer.ToString());
        answer.Body.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Beyond_kestrels_raised_limits_kestrel_answers_itself_without_a_body()
    {
        var factor = EdgeLimits.KestrelFactor;
        var line = await SendAsync(Head("GET", $"{Collection}/{new string('A', (EdgeLimits.MaxRequestLineBytes * factor) + 1)}", [Credential()]));
        line.Status.ShouldBe(414);
        line.Body.ShouldBeEmpty();
        var bytes = await SendAsync(Head("GET", Collection, [Credential(), $"X-Padding: {new string('p', (EdgeLimits.MaxHeadersTotalBytes * factor) + 1)}"]));
        bytes.Status.ShouldBe(431);
        bytes.Body.ShouldBeEmpty();
        var count = await SendAsync(Head("GET", Collection, [Credential(), .. Enumerable.Range(0, EdgeLimits.MaxHeaderCount * factor).Select(i => $"X-H{i}: v")]));
        count.Status.ShouldBe(431);
        count.Body.ShouldBeEmpty();
        await ShouldStillServeAsync();
    }

    private readonly string _credential = ApiClient.BasicFor($"edge-{Guid.NewGuid():N}", "secret");

    private string Credential() => $"Authorization: {_credential}";

    private async Task ShouldStillServeAsync()
    {
        var answer = await SendAsync(Head("GET", Collection, [Credential(), "Accept: application/json"]));
        answer.Status.ShouldBe(200, answer.ToString());
        JsonNode.Parse(answer.Body).ShouldBeOfType<JsonArray>();
    }

    /// <summary>A request head with Host first and Connection: close last (so the answer ends with the connection).</summary>
    private string Head(string method, string target, IEnumerable<string> headers, bool compact = false)
    {
        var separator = compact ? ":" : ": ";
        var builder = new StringBuilder().Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n");
        builder.Append("Host").Append(separator).Append(mock.Host.BaseUrl.Authority).Append("\r\n");
        foreach (var header in headers) builder.Append(header).Append("\r\n");
        return builder.Append("Connection").Append(separator).Append("close\r\n\r\n").ToString();
    }

    /// <summary>The bytes <paramref name="headers"/> add to a compact head (<see cref="Head"/>), Host and Connection included.</summary>
    private int HeaderBytes(IEnumerable<string> headers) =>
        $"Host:{mock.Host.BaseUrl.Authority}\r\n".Length + "Connection:close\r\n".Length + headers.Sum(h => h.Length + 2);

    private async Task<RawAnswer> SendAsync(string head)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(mock.Host.BaseUrl.Host, mock.Host.BaseUrl.Port, timeout.Token);
        var stream = tcp.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), timeout.Token);
        }
        catch (IOException)
        {
            // Kestrel may answer and close before it has read the whole head: read what it said.
        }
        var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException) when (received.Length > 0)
        {
            // a reset after the answer: the answer counts
        }
        return RawAnswer.Parse(Encoding.UTF8.GetString(received.ToArray()));
    }

    private sealed record RawAnswer(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public static RawAnswer Parse(string text)
        {
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0) throw new ShouldAssertException($"no HTTP answer: '{text}'");
            var lines = text[..end].Split("\r\n");
            var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
            return new RawAnswer(int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers, text[(end + 4)..]);
        }

        public void ShouldBeEnvelope(int status, string messageId, string subtype)
        {
            Status.ShouldBe(status, ToString());
            (Headers.GetValueOrDefault("content-type") ?? "").Split(';')[0].ShouldBe($"application/{subtype}", ToString());
            if (subtype == "json")
                JsonNode.Parse(Body)!["requestError"]!["serviceException"]!["messageId"]!.GetValue<string>().ShouldBe(messageId);
            else
            {
                var root = XDocument.Parse(Body).Root!;
                root.Name.LocalName.ShouldBe("ApiException");
                root.Element("requestError")!.Element("serviceException")!.Element("messageId")!.Value.ShouldBe(messageId);
            }
        }

        public override string ToString() => $"{Status} {Headers.GetValueOrDefault("content-type")}: {(Body.Length > 300 ? Body[..300] : Body)}";
    }
}
