using System.Net.Sockets;
using System.Text;
using MockServer.Tests.Support;

namespace MockServer.Tests.Input;

public class InputHttpTests(MockFixture fixture) : IClassFixture<MockFixture>
{
    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var client = fixture.NewAccount();
        var huge = "{\"name\":\"" + new string('x', fixture.Host.Options.MaxBodyBytes) + "\"}";
        await (await client.PostJsonAsync(huge)).ShouldBeError(413, "PAYLOAD_TOO_LARGE");
        (await (await client.GetAsync()).Content.ReadAsStringAsync()).ShouldNotContain("xxxx");
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413()
    {
        var client = fixture.NewAccount();
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiClient.Collection);
        request.Headers.TryAddWithoutValidation("Authorization", client.Authorization);
        var huge = Encoding.UTF8.GetBytes("{\"name\":\"" + new string('y', fixture.Host.Options.MaxBodyBytes * 2) + "\"}");
        request.Content = new StreamContent(new MemoryStream(huge)); // no length: sent chunked
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;
        using var response = await client.Http.SendAsync(request);
        await response.ShouldBeError(413, "PAYLOAD_TOO_LARGE");
    }

    [Theory]
    [InlineData("application/json", """{"name":"x" """)]
    [InlineData("application/json", "{")]
    [InlineData("application/json", "")]
    [InlineData("application/xml", "<request><name>x</name>")]
    [InlineData("application/xml", "")]
    public async Task Malformed_or_empty_bodies_are_400_in_the_envelope(string contentType, string body)
    {
        var client = fixture.NewAccount();
        var response = await client.SendAsync(HttpMethod.Post, ApiClient.Collection, body, contentType);
        await response.ShouldBeError(400, "BAD_REQUEST");
    }

    [Fact]
    public async Task A_DTD_is_refused_over_HTTP()
    {
        var response = await fixture.NewAccount().SendAsync(HttpMethod.Post, ApiClient.Collection,
            """<?xml version="1.0"?><!DOCTYPE request [<!ENTITY x SYSTEM "file:///etc/passwd">]><request><name>&x;</name></request>""",
            "application/xml", "application/xml");
        await response.ShouldBeError(400, "BAD_REQUEST");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("root:");
    }

    [Fact]
    public async Task A_body_cut_short_by_the_client_does_not_hang_the_server()
    {
        // The client promises 100 bytes, sends 10 and closes its side. Kestrel ends such a request; the
        // server must neither wait for the rest nor answer anything but a 400, and must keep serving.
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(fixture.Host.BaseUrl.Host, fixture.Host.BaseUrl.Port);
            var stream = socket.GetStream();
            var request = "POST /2fa/2/applications HTTP/1.1\r\nHost: x\r\nAuthorization: App cut-short\r\n" +
                          "Content-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"name\":\"x";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
            socket.Client.Shutdown(SocketShutdown.Send);

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var answer = new MemoryStream();
            try
            {
                await stream.CopyToAsync(answer, timeout.Token); // ends when the server closes; a hang cancels and fails
            }
            catch (IOException)
            {
                // a reset is a close too
            }
            var text = Encoding.ASCII.GetString(answer.ToArray());
            if (text.Length > 0) text.ShouldStartWith("HTTP/1.1 400");
        }

        var client = fixture.NewAccount().As("App cut-short");
        (await (await client.GetAsync()).ShouldBeOk()).ShouldNotContain("\"x\"");
    }

    [Fact]
    public async Task A_body_cut_short_in_the_JSON_text_is_400()
    {
        var response = await fixture.NewAccount().PostJsonAsync("""{"name":"x","configuration":{"pinAttempts":""");
        await response.ShouldBeError(400, "BAD_REQUEST");
    }

    [Fact]
    public async Task Invalid_UTF8_is_400()
    {
        var client = fixture.NewAccount();
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiClient.Collection);
        request.Headers.TryAddWithoutValidation("Authorization", client.Authorization);
        request.Content = new ByteArrayContent([.. "{\"name\":\""u8, 0xFF, 0xFE, .. "\"}"u8]);
        request.Content.Headers.ContentType = new("application/json");
        using var response = await client.Http.SendAsync(request);
        await response.ShouldBeError(400, "BAD_REQUEST");
    }

    [Theory]
    [InlineData("{\"name\":\"\\uD800\"}")]
    [InlineData("{\"name\":\"a\\uDC00b\"}")]
    public async Task An_escaped_lone_surrogate_is_400_and_nothing_is_stored(string json)
    {
        var client = fixture.NewAccount();
        var before = await (await client.GetAsync()).Content.ReadAsStringAsync();
        await (await client.PostJsonAsync(json)).ShouldBeError(400, "BAD_REQUEST");
        (await (await client.GetAsync(accept: "application/json")).Content.ReadAsStringAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Invalid_UTF8_in_an_ignored_property_is_400_and_nothing_is_stored()
    {
        var client = fixture.NewAccount();
        var before = await (await client.GetAsync()).Content.ReadAsStringAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiClient.Collection);
        request.Headers.TryAddWithoutValidation("Authorization", client.Authorization);
        request.Content = new ByteArrayContent([.. "{\"name\":\"a\",\"ignored\":\""u8, 0xFF, .. "\"}"u8]);
        request.Content.Headers.ContentType = new("application/json");
        using var response = await client.Http.SendAsync(request);
        await response.ShouldBeError(400, "BAD_REQUEST", "Malformed JSON request body: the body is not valid UTF-8");
        (await (await client.GetAsync()).Content.ReadAsStringAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_wrong_type_is_400_with_the_field_path()
    {
        var response = await fixture.NewAccount().PostJsonAsync("""{"name":"x","configuration":{"pinAttempts":"many"}}""");
        await response.ShouldBeError(400, "BAD_REQUEST", "[configuration.pinAttempts : must be a 32-bit integer]");
    }
}
