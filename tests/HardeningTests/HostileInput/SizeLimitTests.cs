using System.Text;
using TwoFactorContracts.Contract;
using TwoFactorContracts.HardeningTests.Support;

namespace TwoFactorContracts.HardeningTests.HostileInput;

/// <summary>Huge bodies get 413 in the envelope (declared or chunked); huge strings below the limit never fail the server.</summary>
public sealed class SizeLimitTests(MockServerFixture mock) : IClassFixture<MockServerFixture>
{
    private int Limit => mock.Host.Options.MaxBodyBytes;

    [Theory]
    [InlineData(BodyFormat.Json)]
    [InlineData(BodyFormat.Xml)]
    public async Task A_body_over_the_limit_is_a_413_in_the_envelope(BodyFormat format)
    {
        using var client = mock.BoundedClient();
        var account = Accounts.New("huge");
        var guard = await StateGuard.ReadAsync(client, account);
        var body = HugeNameBody(format, Limit + 1);
        var answer = await Api.SendAsync(client, "POST", Api.Collection, account, body, format.MediaType(), format.MediaType());
        answer.ShouldBeEnvelope(413, format);
        await guard.ShouldBeUnchangedAsync("413");
    }

    [Fact]
    public async Task A_body_of_several_megabytes_is_a_413_on_update_too()
    {
        using var client = mock.BoundedClient();
        var account = Accounts.New("huge-update");
        var created = await Api.SendAsync(client, "POST", Api.Collection, account, Bodies.Create(BodyFormat.Json), BodyFormat.Json);
        created.Status.ShouldBeInRange(200, 201);
        var id = System.Text.Json.JsonDocument.Parse(created.Body).RootElement.GetProperty("applicationId").GetString();
        var guard = await StateGuard.ReadAsync(client, account);
        var answer = await Api.SendAsync(client, "PUT", $"{Api.Collection}/{id}", account, HugeNameBody(BodyFormat.Json, 8 * 1024 * 1024), "application/json", "application/json");
        answer.ShouldBeEnvelope(413, BodyFormat.Json);
        await guard.ShouldBeUnchangedAsync("8 MB update");
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_without_content_length_is_a_413_in_the_envelope()
    {
        var account = Accounts.New("chunked");
        var body = HugeNameBody(BodyFormat.Json, Limit * 4);
        var chunks = new MemoryStream();
        for (var at = 0; at < body.Length; at += 8192)
        {
            var size = Math.Min(8192, body.Length - at);
            chunks.Write(Encoding.ASCII.GetBytes($"{size:x}\r\n"));
            chunks.Write(body, at, size);
            chunks.Write("\r\n"u8);
        }
        chunks.Write("0\r\n\r\n"u8);
        var head = RawHttp.Head(mock.Host.BaseUrl, "POST", Api.Collection, $"Authorization: {account}",
            "Content-Type: application/json", "Accept: application/json", "Transfer-Encoding: chunked");
        var answer = await RawHttp.SendAsync(mock.Host.BaseUrl, head, chunks.ToArray());
        answer.AsApiAnswer().ShouldBeEnvelope(413, BodyFormat.Json);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_answered_413_before_the_body_is_sent()
    {
        // Content-Length of 1 GB and no body at all: the mock must answer from the header, not wait for a gigabyte.
        var account = Accounts.New("declared");
        var head = RawHttp.Head(mock.Host.BaseUrl, "POST", Api.Collection, $"Authorization: {account}",
            "Content-Type: application/xml", "Accept: application/xml", "Content-Length: 1073741824");
        var answer = await RawHttp.SendAsync(mock.Host.BaseUrl, head, timeout: TimeSpan.FromSeconds(10));
        answer.AsApiAnswer().ShouldBeEnvelope(413, BodyFormat.Xml);
    }

    [Theory]
    [InlineData(BodyFormat.Json)]
    [InlineData(BodyFormat.Xml)]
    public async Task A_huge_name_just_under_the_limit_is_answered_validly(BodyFormat format)
    {
        using var client = mock.BoundedClient();
        var account = Accounts.New("long-name");
        var answer = await Api.SendAsync(client, "POST", Api.Collection, account, HugeNameBody(format, Limit - 16), format.MediaType(), format.MediaType());
        await Answers.ShouldBeValidAsync(client, account, answer, "createApplication", format);
    }

    [Fact]
    public async Task A_body_cut_short_of_its_declared_length_is_not_a_5xx_or_a_hang()
    {
        // The client promises 500 bytes, sends 20 and half-closes: the server sees the body end early.
        var account = Accounts.New("short-body");
        var head = RawHttp.Head(mock.Host.BaseUrl, "POST", Api.Collection, $"Authorization: {account}",
            "Content-Type: application/json", "Content-Length: 500");
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(mock.Host.BaseUrl.Host, mock.Host.BaseUrl.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + "{\"name\":\"cut short\""));
        tcp.Client.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = new MemoryStream();
        var buffer = new byte[4096];
        int n;
        try
        {
            while ((n = await stream.ReadAsync(buffer, cts.Token)) > 0) received.Write(buffer, 0, n);
        }
        catch (IOException)
        {
            // a reset instead of an answer is acceptable: the request was incomplete
        }
        var text = Encoding.Latin1.GetString(received.ToArray());
        if (text.Length > 0) text.ShouldNotMatch(@"^HTTP/1\.1 5\d\d", $"answer: {text}");
        using var client = mock.BoundedClient();
        (await Api.ListAsync(client, account)).Body.ShouldNotContain("cut short");
    }

    /// <summary>A create body of exactly <paramref name="size"/> bytes, padded by its name.</summary>
    private static byte[] HugeNameBody(BodyFormat format, int size)
    {
        string Wrap(string name) => format == BodyFormat.Json
            ? $"{{\"name\":\"{name}\"}}"
            : $"<{Bodies.XmlRoot}><name>{name}</name></{Bodies.XmlRoot}>";
        var body = Bodies.Bytes(Wrap(new string('n', size - Wrap("").Length)));
        body.Length.ShouldBe(size);
        return body;
    }
}
