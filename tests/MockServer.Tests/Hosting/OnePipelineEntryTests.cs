using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using MockServer.Tests.Support;
using TwoFactorContracts.Testing;

namespace MockServer.Tests.Hosting;

/// <summary>
/// The gateway's fast path (no user stub) and WireMock's catch-all mapping (a user stub exists elsewhere) are one
/// way into the pipeline: the same raw request gets the same answer through both, hostile bodies included.
/// </summary>
public sealed class OnePipelineEntryTests : IAsyncLifetime
{
    private const int Limit = 512;
    private TwoFactorMock _fast = null!;
    private TwoFactorMock _throughWireMock = null!;
    private string _mappingsFolder = null!;

    public async Task InitializeAsync()
    {
        _mappingsFolder = Directory.CreateTempSubdirectory("mock-entry-").FullName;
        await File.WriteAllTextAsync(Path.Combine(_mappingsFolder, "elsewhere.json"), """
            {
              "Request": { "Path": { "Matchers": [ { "Name": "WildcardMatcher", "Pattern": "/somewhere/else" } ] }, "Methods": [ "GET" ] },
              "Response": { "StatusCode": 200, "Body": "a user stub" }
            }
            """);
        _fast = await QuietMock.StartAsync(o => o.MaxBodyBytes = Limit);
        _throughWireMock = await QuietMock.StartAsync(o => { o.MaxBodyBytes = Limit; o.MappingsFolder = _mappingsFolder; });
    }

    public async Task DisposeAsync()
    {
        await _fast.DisposeAsync();
        await _throughWireMock.DisposeAsync();
        Directory.Delete(_mappingsFolder, recursive: true);
    }

    public static TheoryData<string, string, bool> Requests() => new()
    {
        // name, the raw request after its request line's path and headers, whether the client half-closes after sending
        { "a body over the limit", $"Content-Type: application/json\r\nContent-Length: {Limit + 100}\r\n\r\n{{\"name\":\"{new string('n', Limit + 89)}\"}}", false },
        { "a declared length over the limit and no body", "Content-Type: application/xml\r\nAccept: application/xml\r\nContent-Length: 1073741824\r\n\r\n", false },
        { "malformed JSON", "Content-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"name\":}", false },
        { "a missing name in XML", "Content-Type: application/xml\r\nAccept: application/xml\r\nContent-Length: 43\r\n\r\n<ApplicationRequest><enabled>true</enabled>", false },
        { "an unsupported content type", "Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello", false },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_request_gets_the_same_answer_through_the_fast_path_and_the_catch_all(string name, string rest, bool halfClose)
    {
        _fast.Host.UserStubsPresent.ShouldBeFalse();
        _throughWireMock.Host.UserStubsPresent.ShouldBeTrue("the catch-all answers only while a user stub exists");
        var account = ApiClient.BasicFor($"user-{Guid.NewGuid():N}", "secret");
        var fast = await SendRawAsync(_fast.Host.BaseUrl, account, rest, halfClose);
        var throughWireMock = await SendRawAsync(_throughWireMock.Host.BaseUrl, account, rest, halfClose);
        fast.ShouldStartWith("HTTP/1.1 4", customMessage: $"{name}: the fast path answers in the API's envelope");
        throughWireMock.ShouldBe(fast, $"{name}: the catch-all answers as the fast path does");
    }

    [Fact]
    public async Task A_body_cut_short_gets_the_incomplete_body_error_or_a_reset_through_both_paths()
    {
        // The client promises 500 bytes, sends 20 and half-closes. Kestrel may reset the connection before or after
        // the answer leaves (a race), so each path may show either; an answer must be the incomplete-body error.
        const string cutShort = "Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"name\":\"cut short\"";
        var account = ApiClient.BasicFor($"user-{Guid.NewGuid():N}", "secret");
        foreach (var (path, mock) in new[] { ("fast path", _fast), ("catch-all", _throughWireMock) })
        {
            var answer = await SendRawAsync(mock.Host.BaseUrl, account, cutShort, halfClose: true);
            if (answer == Reset) continue;
            answer.ShouldStartWith("HTTP/1.1 400", customMessage: $"{path}: {answer}");
            answer.ShouldContain("Request body ended before its declared length", customMessage: $"{path}: the incomplete body is said so, not read as malformed JSON");
        }
    }

    private const string Reset = "(connection closed without an answer)";

    /// <summary>Status line, content type and body of the answer to a raw POST to the collection (the request id and date left out).</summary>
    private static async Task<string> SendRawAsync(Uri baseUrl, string authorization, string rest, bool halfClose)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseUrl.Host, baseUrl.Port);
        var stream = tcp.GetStream();
        var head = $"POST {ApiClient.Collection} HTTP/1.1\r\nHost: {baseUrl.Authority}\r\nConnection: close\r\nAuthorization: {authorization}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + rest));
        if (halfClose) tcp.Client.Shutdown(SocketShutdown.Send);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, timeout.Token)) > 0) received.Write(buffer, 0, n);
        }
        catch (IOException)
        {
            // the server reset the connection, after answering a request it did not read whole or before its answer
            if (!Encoding.UTF8.GetString(received.ToArray()).Contains("\r\n\r\n", StringComparison.Ordinal)) return Reset;
        }
        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0) return Reset; // closed without a whole answer
        var lines = text[..split].Split("\r\n");
        var contentType = lines.FirstOrDefault(l => l.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase));
        var body = text[(split + 4)..];
        if (lines.Any(l => l.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))) body = Dechunk(body);
        return $"{lines[0]}\n{contentType}\n{Regex.Replace(body, "\\s+", " ")}";
    }

    /// <summary>WireMock answers chunked, our fast path with a Content-Length: the body is what counts.</summary>
    private static string Dechunk(string chunked)
    {
        var body = new StringBuilder();
        var at = 0;
        while (true)
        {
            var end = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[at..end], 16);
            if (size == 0) return body.ToString();
            body.Append(chunked, end + 2, size);
            at = end + 2 + size + 2;
        }
    }
}
