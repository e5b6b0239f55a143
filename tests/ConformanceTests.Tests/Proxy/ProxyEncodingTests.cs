using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Proxy;
using TwoFactorContracts.ConformanceTests.Runner;
using TwoFactorContracts.ConformanceTests.Targets;
using TwoFactorContracts.ConformanceTests.Targets.Defects;

namespace TwoFactorContracts.ConformanceTests.ProxyTests;

/// <summary>
/// Compressed bodies: an answer (or request) in gzip, br or deflate passes the proxy byte for byte, still compressed,
/// and is judged on its decoded body, so a defect inside it is found; an encoding the proxy cannot undo (unknown, or
/// bytes that are not what the header says, or a body that inflates past --max-body) is recorded as not validated,
/// never as a violation, and the proxy goes on.
/// </summary>
public class ProxyEncodingTests
{
    private const string ApplicationId = "0933F3BC087D2A617AC6DCB2EF5B8A61";

    private static HttpRequestMessage Get(string path, string accept)
    {
        var m = new HttpRequestMessage(HttpMethod.Get, path);
        m.Headers.TryAddWithoutValidation("Accept", accept);
        m.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, br, deflate");
        m.Headers.TryAddWithoutValidation("Authorization", ConformanceSettings.SeedAuthorization);
        return m;
    }

    private static async Task<(int Status, string? Encoding, byte[] Body)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, string.Join(",", response.Content.Headers.ContentEncoding), await response.Content.ReadAsByteArrayAsync());
    }

    private static IReadOnlyList<JsonObject> Violations(JsonObject exchange) => [.. exchange["violations"]!.AsArray().Select(v => v!.AsObject())];

    [Theory]
    [InlineData(CompressingTarget.Gzip, false)]
    [InlineData(CompressingTarget.Brotli, false)]
    [InlineData(CompressingTarget.Deflate, false)]
    [InlineData(CompressingTarget.RawDeflate, false)]
    [InlineData(CompressingTarget.Gzip, true)] // held to annotate: judged before it is sent, sent unchanged
    public async Task A_compressed_answer_passes_byte_for_byte_and_a_defect_inside_it_is_found(string coding, bool annotate)
    {
        await using var mock = await QuietMock.StartAsync();
        await using var corrupting = await CorruptingProxy.StartAsync(new Uri(mock.BaseUrl + "/"), MissingField.OnGet("name"));
        await using var compressing = await CompressingTarget.StartAsync(corrupting.BaseUrl, coding);
        await using var proxy = await ProxyUnderTest.StartAsync(compressing.Origin, more: annotate ? ["--annotate"] : []);
        using var direct = new HttpClient { BaseAddress = compressing.BaseUrl };

        var requests = new (string Path, string Accept)[]
        {
            ($"2fa/2/applications/{ApplicationId}", "application/json"),
            ($"2fa/2/applications/{ApplicationId}", "application/xml"),
            ("2fa/2/applications/UNKNOWN00000000000000000000000000", "application/json"),
        };
        foreach (var (path, accept) in requests)
        {
            var expected = await SendAsync(direct, Get(path, accept));
            var through = await SendAsync(proxy.Client, Get(path, accept));
            through.Status.ShouldBe(expected.Status);
            through.Encoding.ShouldBe(coding == CompressingTarget.RawDeflate ? CompressingTarget.Deflate : coding, "the encoding is passed back, not undone");
            through.Body.ShouldBe(expected.Body, $"{path} {accept}: the compressed bytes pass unchanged");
        }

        await proxy.RecordedAsync(requests.Length);
        var exchanges = proxy.Exchanges();
        foreach (var judged in exchanges.Take(2))
        {
            judged["notValidated"].ShouldBeNull("a body the proxy can decode is judged");
            Violations(judged).ShouldContain(v => v["check"]!.ToString() == "schema" && v["reason"]!.ToString().Contains("#/name: PropertyRequired"),
                judged.ToJsonString());
        }
        exchanges[2]["outcome"]!.ToString().ShouldBe("conforms", exchanges[2].ToJsonString());
    }

    [Theory]
    [InlineData(CompressingTarget.Unknown, "not validated: encoded (zstd, which the proxy cannot decode)")]
    [InlineData(CompressingTarget.BrokenGzip, "not validated: encoded (the body is not valid gzip")]
    public async Task An_answer_the_proxy_cannot_decode_passes_unchanged_and_is_recorded_as_not_validated(string coding, string notValidated)
    {
        await using var mock = await QuietMock.StartAsync();
        await using var compressing = await CompressingTarget.StartAsync(new Uri(mock.BaseUrl + "/"), coding);
        await using var proxy = await ProxyUnderTest.StartAsync(compressing.Origin);
        using var direct = new HttpClient { BaseAddress = compressing.BaseUrl };

        var expected = await SendAsync(direct, Get($"2fa/2/applications/{ApplicationId}", "application/json"));
        var through = await SendAsync(proxy.Client, Get($"2fa/2/applications/{ApplicationId}", "application/json"));
        (through.Status, through.Encoding).ShouldBe((expected.Status, expected.Encoding));
        through.Body.ShouldBe(expected.Body, "passed unchanged");

        await proxy.RecordedAsync(1);
        var exchange = proxy.Exchanges().Single();
        exchange["notValidated"]!.ToString().ShouldStartWith(notValidated);
        exchange["outcome"]!.ToString().ShouldStartWith("not validated: encoded");
        Violations(exchange).ShouldBeEmpty("an encoding the proxy cannot undo is no contract violation");
        // What needs no body is still judged.
        proxy.Server.Recorder.Last.Single().Verdicts.Select(v => v.Check).ShouldContain("status");
        (await proxy.Client.SendAsync(Get("2fa/2/applications", "application/json"))).IsSuccessStatusCode.ShouldBeTrue("the proxy goes on");
    }

    [Fact]
    public async Task A_compressed_answer_that_inflates_past_max_body_is_not_inflated_further_and_marked_too_large()
    {
        var plain = Encoding.UTF8.GetBytes("{\"applicationId\":\"" + new string('A', 300_000) + "\"}");
        var (header, bomb) = CompressingTarget.Encode(CompressingTarget.Gzip, plain);
        await using var target = await LoopbackApp.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.Headers.ContentEncoding = header;
            await context.Response.Body.WriteAsync(bomb);
        });
        await using var proxy = await ProxyUnderTest.StartAsync(target.Origin, more: ["--max-body", "64k"]);
        bomb.Length.ShouldBeLessThan(64 * 1024, "the compressed body is kept whole");

        var through = await SendAsync(proxy.Client, Get($"2fa/2/applications/{ApplicationId}", "application/json"));
        through.Body.ShouldBe(bomb);

        await proxy.RecordedAsync(1);
        var exchange = proxy.Exchanges().Single();
        exchange["notValidated"]!.ToString().ShouldBe($"{ProxyVerdicts.TooLarge} (over --max-body once decoded)");
        Violations(exchange).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_compressed_request_body_is_judged_decoded_and_one_in_an_unknown_encoding_is_not_judged()
    {
        byte[]? received = null;
        await using var target = await LoopbackApp.StartAsync(async context =>
        {
            using var copy = new MemoryStream();
            await context.Request.Body.CopyToAsync(copy);
            received = copy.ToArray();
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"requestError\":{\"serviceException\":{\"messageId\":\"BAD_REQUEST\",\"text\":\"Bad request\"}}}");
        });
        await using var proxy = await ProxyUnderTest.StartAsync(target.Origin);
        async Task PostAsync(string json, string coding)
        {
            var (header, bytes) = CompressingTarget.Encode(coding, Encoding.UTF8.GetBytes(json));
            using var post = new HttpRequestMessage(HttpMethod.Post, "2fa/2/applications") { Content = new ByteArrayContent(bytes) };
            post.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
            post.Content.Headers.ContentEncoding.Add(header);
            post.Headers.TryAddWithoutValidation("Authorization", ConformanceSettings.SeedAuthorization);
            (await proxy.Client.SendAsync(post)).Dispose();
            received.ShouldBe(bytes, "the compressed request reaches the target unchanged");
        }

        await PostAsync("{\"name\":\"zipped\",\"enabled\":\"yes\"}", CompressingTarget.Gzip);
        await PostAsync("{\"name\":\"zipped\",\"enabled\":true}", CompressingTarget.Brotli);
        await PostAsync("{\"name\":\"zipped\",\"enabled\":\"yes\"}", CompressingTarget.Unknown);

        await proxy.RecordedAsync(3);
        var bodyVerdicts = proxy.Server.Recorder.Last.Select(x => x.Verdicts.Single(v => v.Check == "request-body")).ToList();
        bodyVerdicts[0].Outcome.ShouldBe(Outcome.Failed);
        bodyVerdicts[0].Reason.ShouldContain("enabled");
        bodyVerdicts[1].Outcome.ShouldBe(Outcome.Passed, bodyVerdicts[1].Reason);
        bodyVerdicts[2].Outcome.ShouldBe(Outcome.NotApplicable);
        bodyVerdicts[2].Reason.ShouldContain("zstd, which the proxy cannot decode");
    }
}
