using TwoFactorContracts.Contract;
using TwoFactorContracts.HardeningTests.Support;

namespace TwoFactorContracts.HardeningTests.HostileInput;

/// <summary>Unknown paths are 404 and unknown methods 405, in the envelope of the negotiated media type.</summary>
public sealed class RoutingTests(MockServerFixture mock) : IClassFixture<MockServerFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/2fa")]
    [InlineData("/2fa/2")]
    [InlineData("/2fa/1/applications")]
    [InlineData("/2fa/2/applicationsX")]
    [InlineData("/2fa/2/applications/ABC/messages")]
    [InlineData("/2FA/2/APPLICATIONS")]
    [InlineData("/favicon.ico")]
    [InlineData("/index.html")]
    [InlineData("/__adm")]
    public async Task An_unknown_path_is_a_404_in_the_envelope(string path)
    {
        using var client = mock.BoundedClient();
        foreach (var format in new[] { BodyFormat.Json, BodyFormat.Xml })
        {
            var answer = await Api.SendAsync(client, "GET", path, Accounts.New("path"), accept: format.MediaType());
            answer.ShouldBeEnvelope(404, format);
        }
    }

    [Theory]
    [InlineData("DELETE", "/2fa/2/applications")]
    [InlineData("PUT", "/2fa/2/applications")]
    [InlineData("PATCH", "/2fa/2/applications")]
    [InlineData("DELETE", "/2fa/2/applications/0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("POST", "/2fa/2/applications/0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("PATCH", "/2fa/2/applications/0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("OPTIONS", "/2fa/2/applications")]
    [InlineData("TRACE", "/2fa/2/applications")]
    [InlineData("FOO", "/2fa/2/applications")]
    [InlineData("PROPFIND", "/2fa/2/applications/X")]
    public async Task An_unknown_method_is_a_405_in_the_envelope(string method, string path)
    {
        using var client = mock.BoundedClient();
        var account = Accounts.New("method");
        var guard = await StateGuard.ReadAsync(client, account);
        foreach (var format in new[] { BodyFormat.Json, BodyFormat.Xml })
        {
            var answer = await Api.SendAsync(client, method, path, account, Bodies.Bytes(Bodies.Create(format)), format.MediaType(), format.MediaType());
            answer.ShouldBeEnvelope(405, format);
        }
        await guard.ShouldBeUnchangedAsync($"{method} {path}");
    }

    [Theory]
    [InlineData("HEAD", "/2fa/2/applications")]
    [InlineData("HEAD", "/2fa/2/applications/0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("HEAD", "/nowhere")]
    public async Task Head_is_never_a_5xx(string method, string path)
    {
        using var client = mock.BoundedClient();
        var answer = await Api.SendAsync(client, method, path, Accounts.New("head"));
        answer.Status.ShouldBeLessThan(500, $"answer: {answer}");
        answer.Body.ShouldBeEmpty("a HEAD answer has no body");
    }

    [Theory]
    [InlineData("GET garbage HTTP/1.1\r\n\r\n")]
    [InlineData("HELLO\r\n\r\n")]
    [InlineData("GET /2fa/2/applications HTTP/1.1\r\nHost: x\r\nBroken header line\r\n\r\n")]
    [InlineData("POST /2fa/2/applications HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n")]
    [InlineData("POST /2fa/2/applications HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}")]
    [InlineData("\0\0\0\0\r\n\r\n")]
    public async Task A_malformed_http_request_is_refused_by_kestrel_without_a_5xx(string request)
    {
        // Kestrel answers these itself (400/505, empty body) before the mock sees them: no envelope is possible.
        var answer = await RawHttp.SendAsync(mock.Host.BaseUrl, request);
        answer.Status.ShouldBeInRange(400, 499, $"answer: {answer}");
        // ... and the server stays up.
        using var client = mock.BoundedClient();
        (await Api.ListAsync(client, Accounts.New("after-garbage"))).Status.ShouldBe(200);
    }

    [Fact]
    public async Task An_unknown_http_version_is_kestrels_505()
    {
        // The one 5xx the protocol prescribes: 505 HTTP Version Not Supported, from Kestrel, before the mock.
        var answer = await RawHttp.SendAsync(mock.Host.BaseUrl, "GET /2fa/2/applications HTTP/9.9\r\nHost: x\r\n\r\n");
        answer.Status.ShouldBe(505, $"answer: {answer}");
    }

    [Theory]
    [InlineData("zz\r\nxx\r\n0\r\n\r\n")]
    [InlineData("5\r\n{\"na\"}\r\n0\r\n\r\n")]
    [InlineData("-1\r\n\r\n")]
    public async Task Malformed_chunked_framing_of_an_api_body_is_a_400_in_the_envelope(string chunkedBody)
    {
        var head = RawHttp.Head(mock.Host.BaseUrl, "POST", Api.Collection, $"Authorization: {Accounts.New("chunks")}",
            "Content-Type: application/json", "Accept: application/json", "Transfer-Encoding: chunked");
        var answer = await RawHttp.SendAsync(mock.Host.BaseUrl, head, System.Text.Encoding.ASCII.GetBytes(chunkedBody));
        answer.AsApiAnswer().ShouldBeEnvelope(400, BodyFormat.Json);
    }
}
