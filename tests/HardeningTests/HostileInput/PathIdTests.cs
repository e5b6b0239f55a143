using TwoFactorContracts.Contract;
using TwoFactorContracts.HardeningTests.Support;

namespace TwoFactorContracts.HardeningTests.HostileInput;

/// <summary>
/// Application ids with odd characters, sent raw (HttpClient would normalise dot segments and re-encode): each
/// is an unknown id (404) or an unknown path (404), in the envelope, for get and update, and changes nothing.
/// </summary>
public sealed class PathIdTests(MockServerFixture mock) : IClassFixture<MockServerFixture>
{
    public static TheoryData<string> OddIds => new()
    {
        "%C3%BC",
        "%F0%9F%98%80",
        "%E2%80%AE",
        "%FF%FE",
        "%C0%AF",
        "%ED%A0%80",
        "%zz",
        "%",
        "%2",
        "..%2F..%2Fetc%2Fpasswd",
        "%2e%2e%2f%2e%2e%2f",
        "..%5C..%5Cwindows",
        "a%20b",
        "'%20OR%20'1'='1",
        "%3Cscript%3E",
        "%0D%0AX-Injected:%201",
        "*",
        "$",
        "~",
        new string('A', 4_000),
        "0123456789abcdef0123456789abcdef",
    };

    [Theory]
    [MemberData(nameof(OddIds))]
    public async Task An_odd_id_is_a_404_in_the_envelope(string id)
    {
        var account = Accounts.New("odd-id");
        using var client = mock.BoundedClient();
        var guard = await StateGuard.ReadAsync(client, account);
        foreach (var format in new[] { BodyFormat.Json, BodyFormat.Xml })
        {
            var target = $"{Api.Collection}/{id}";
            var get = await RawHttp.SendAsync(mock.Host.BaseUrl, RawHttp.Head(mock.Host.BaseUrl, "GET", target, $"Authorization: {account}", $"Accept: {format.MediaType()}"));
            get.AsApiAnswer().ShouldBeEnvelope(404, format);
            get.Headers.ShouldNotContainKey("x-injected");

            var body = Bodies.Bytes(Bodies.Create(format));
            var put = await RawHttp.SendAsync(mock.Host.BaseUrl, RawHttp.Head(mock.Host.BaseUrl, "PUT", target, $"Authorization: {account}",
                $"Content-Type: {format.MediaType()}", $"Accept: {format.MediaType()}", $"Content-Length: {body.Length}"), body);
            put.AsApiAnswer().ShouldBeEnvelope(404, format);
        }
        await guard.ShouldBeUnchangedAsync(id);
    }

    [Theory]
    [InlineData("/2fa/2/applications/..")]
    [InlineData("/2fa/2/applications/../..")]
    [InlineData("/2fa/2/applications/../../../../etc/passwd")]
    [InlineData("/2fa/2/applications/./x/../../..")]
    public async Task Dot_segments_never_escape_the_api(string target)
    {
        // Kestrel removes dot segments before routing: these land on a path outside the API, which is 404.
        var account = Accounts.New("dots");
        var answer = await RawHttp.SendAsync(mock.Host.BaseUrl, RawHttp.Head(mock.Host.BaseUrl, "GET", target, $"Authorization: {account}", "Accept: application/json"));
        answer.AsApiAnswer().ShouldBeEnvelope(404, BodyFormat.Json);
        answer.Body.ShouldNotContain("root:");
    }

    [Theory]
    [InlineData("/2fa/2/applications/%00")]
    [InlineData("/2fa/2/applications/ABC%00DEF")]
    [InlineData("/2fa/2/applications/\u00fc")]
    [InlineData("/2fa/2/applications/a b")]
    [InlineData("/2fa/2/applications/a\tb")]
    public async Task A_nul_non_ascii_or_whitespace_in_the_target_is_refused_by_kestrel_without_a_5xx(string target)
    {
        var head = System.Text.Encoding.UTF8.GetBytes(RawHttp.Head(mock.Host.BaseUrl, "GET", target, $"Authorization: {Accounts.New("raw")}"));
        var answer = await RawHttp.SendAsync(mock.Host.BaseUrl, head);
        answer.Status.ShouldBeInRange(400, 499, $"answer: {answer}");
        if (answer.Body.Length > 0) answer.AsApiAnswer().ShouldBeEnvelope();
    }
}
