using TwoFactorContracts.Contract;
using TwoFactorContracts.HardeningTests.Support;

namespace TwoFactorContracts.HardeningTests.HostileInput;

/// <summary>
/// Very long URLs and headers (issue 22). Over the mock's limits (Kestrel's defaults: request line 8 KB, headers
/// 32 KB in total, 100 headers) the mock answers 414/431 in its envelope, up to Kestrel's own limits, raised four
/// times above (MockServer/Edge); beyond those Kestrel answers 414/431 itself with an empty body, never a 5xx.
/// Below the mock's limits, the mock answers as usual.
/// </summary>
public sealed class ProtocolLimitTests(MockServerFixture mock) : IClassFixture<MockServerFixture>
{
    [Theory]
    [InlineData(BodyFormat.Json)]
    [InlineData(BodyFormat.Xml)]
    public async Task A_url_over_the_mocks_limit_is_a_414_in_the_envelope(BodyFormat format)
    {
        var target = $"{Api.Collection}/{new string('A', 20_000)}";
        var answer = await RawHttp.SendAsync(mock.Host.BaseUrl, RawHttp.Head(mock.Host.BaseUrl, "GET", target, $"Authorization: {Accounts.New("long-url")}", $"Accept: {format.MediaType()}"));
        answer.AsApiAnswer().ShouldBeEnvelope(414, format);
    }

    [Fact]
    public async Task A_url_beyond_kestrels_raised_limit_is_a_414_not_a_5xx()
    {
        var target = $"{Api.Collection}/{new string('A', 200_000)}";
        var answer = await RawHttp.SendAsync(mock.Host.BaseUrl, RawHttp.Head(mock.Host.BaseUrl, "GET", target, $"Authorization: {Accounts.New("long-url")}"));
        answer.Status.ShouldBe(414, $"answer: {answer}");
    }

    [Fact]
    public async Task A_long_url_within_the_mocks_limit_is_a_404_in_the_envelope()
    {
        var target = $"{Api.Collection}/{new string('A', 7_000)}?{new string('q', 500)}";
        var answer = await RawHttp.SendAsync(mock.Host.BaseUrl, RawHttp.Head(mock.Host.BaseUrl, "GET", target, $"Authorization: {Accounts.New("url")}", "Accept: application/xml"));
        answer.AsApiAnswer().ShouldBeEnvelope(404, BodyFormat.Xml);
    }

    [Theory]
    [InlineData("X-Padding", 40_000, BodyFormat.Json)]
    [InlineData("Authorization", 40_000, BodyFormat.Xml)]
    public async Task A_header_over_the_mocks_limit_is_a_431_in_the_envelope(string name, int length, BodyFormat format)
    {
        var value = name == "Authorization" ? "App " + new string('k', length) : new string('p', length);
        var answer = await RawHttp.SendAsync(mock.Host.BaseUrl, RawHttp.Head(mock.Host.BaseUrl, "GET", Api.Collection, $"{name}: {value}", $"Accept: {format.MediaType()}"));
        answer.AsApiAnswer().ShouldBeEnvelope(431, format);
    }

    [Fact]
    public async Task A_header_beyond_kestrels_raised_limit_is_a_431_not_a_5xx()
    {
        var answer = await RawHttp.SendAsync(mock.Host.BaseUrl, RawHttp.Head(mock.Host.BaseUrl, "GET", Api.Collection, $"X-Padding: {new string('p', 200_000)}"));
        answer.Status.ShouldBe(431, $"answer: {answer}");
    }

    [Fact]
    public async Task More_headers_than_the_mock_allows_is_a_431_in_the_envelope()
    {
        var headers = Enumerable.Range(0, 150).Select(i => $"X-H{i}: v").Prepend($"Authorization: {Accounts.New("many")}").ToArray();
        var answer = await RawHttp.SendAsync(mock.Host.BaseUrl, RawHttp.Head(mock.Host.BaseUrl, "GET", Api.Collection, headers));
        answer.AsApiAnswer().ShouldBeEnvelope(431, BodyFormat.Json);
    }

    [Fact]
    public async Task More_headers_than_kestrels_raised_limit_is_a_431_not_a_5xx()
    {
        var headers = Enumerable.Range(0, 500).Select(i => $"X-H{i}: v").Prepend($"Authorization: {Accounts.New("many")}").ToArray();
        var answer = await RawHttp.SendAsync(mock.Host.BaseUrl, RawHttp.Head(mock.Host.BaseUrl, "GET", Api.Collection, headers));
        answer.Status.ShouldBe(431, $"answer: {answer}");
    }

    [Theory]
    [InlineData("Authorization: App ", 20_000)]
    [InlineData("Accept: application/json, ", 20_000)]
    [InlineData("X-Padding: ", 25_000)]
    public async Task A_long_header_within_kestrels_limit_is_answered_by_the_mock(string header, int length)
    {
        var padding = header.StartsWith("Accept", StringComparison.Ordinal)
            ? string.Join(", ", Enumerable.Repeat("text/x-pad", length / 12))
            : new string('k', length);
        var headers = new List<string> { header + padding };
        if (!header.StartsWith("Authorization", StringComparison.Ordinal)) headers.Add($"Authorization: {Accounts.New("long-header")}");
        var answer = await RawHttp.SendAsync(mock.Host.BaseUrl, RawHttp.Head(mock.Host.BaseUrl, "GET", Api.Collection, [.. headers]));
        answer.Status.ShouldBeLessThan(500, $"answer: {answer}");
        if (answer.Status >= 400) answer.AsApiAnswer().ShouldBeEnvelope();
        answer.Body.Length.ShouldBeLessThan(10_000, "the mock must not echo a long header back");
    }

    [Theory]
    [InlineData("example=")]
    [InlineData("code=")]
    public async Task A_long_prefer_is_refused_without_echoing_it_whole(string key)
    {
        var headers = new[] { $"Prefer: {key}{new string('k', 20_000)}", $"Authorization: {Accounts.New("prefer")}", "Accept: application/json" };
        var answer = await RawHttp.SendAsync(mock.Host.BaseUrl, RawHttp.Head(mock.Host.BaseUrl, "GET", Api.Collection, headers));
        answer.AsApiAnswer().ShouldBeEnvelope(400, BodyFormat.Json);
        answer.Body.Length.ShouldBeLessThan(2_000, "the error should not echo twenty thousand characters back");
    }

    [Fact]
    public async Task A_malformed_credential_is_a_401_in_the_envelope()
    {
        using var client = mock.BoundedClient();
        string?[] credentials = [null, "", "App", "App ", "Basic !!!notbase64", "Basic " + Convert.ToBase64String("nocolon"u8.ToArray()),
            "Basic " + Convert.ToBase64String([0xFF, 0xFE, (byte)':', 0x80]), "Digest x", "App a b", "Bearer\ttoken"];
        foreach (var credential in credentials)
        {
            var answer = await Api.SendAsync(client, "GET", Api.Collection, credential, accept: "application/json");
            answer.ShouldBeEnvelope(401, BodyFormat.Json);
        }
    }
}
