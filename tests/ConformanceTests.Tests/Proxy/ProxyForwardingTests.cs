using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Proxy;
using TwoFactorContracts.ConformanceTests.Runner;
using TwoFactorContracts.MockServer;

namespace TwoFactorContracts.ConformanceTests.ProxyTests;

/// <summary>
/// Transparent forwarding: every documented request's answer through the proxy is the direct answer (status,
/// headers except hop-by-hop, body bytes), JSON and XML; the proxy adds nothing unless told; a target that is down or
/// silent gets the proxy's own 502/504, recorded as a target failure, and a restarted target is used again.
/// </summary>
public class ProxyForwardingTests
{
    private static readonly ContractDocument Contract = ContractDocument.Load();

    /// <summary>Connection-level headers (RFC 9110 7.6.1) a proxy does not pass on, and Content-Length/Transfer-Encoding framing.</summary>
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Authenticate", "Proxy-Authorization",
    };

    /// <summary>
    /// Headers of two separate answers that differ by time or count whoever sends them: Date, and the mock's
    /// per-request id (a counter). Their presence is still compared.
    /// </summary>
    private static readonly HashSet<string> PerAnswer = new(StringComparer.OrdinalIgnoreCase) { "Date", "X-Request-Id" };

    /// <summary>The request of a documented case, asking our examples-mode mock for that case's answer (Prefer).</summary>
    internal static HttpRequestMessage RequestOf(ContractCase c, string? authorization = ConformanceSettings.SeedAuthorization)
    {
        var message = new HttpRequestMessage(new HttpMethod(c.Method), c.PathAndQuery.TrimStart('/'));
        message.Headers.TryAddWithoutValidation("Accept", c.Accept ?? c.Format.MediaType());
        message.Headers.TryAddWithoutValidation("Prefer", $"example={c.Name}");
        if (!c.Statuses.Contains(401) && authorization is not null) message.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (c.RequestBody is { } body)
        {
            message.Content = new ByteArrayContent(body.Utf8.ToArray());
            message.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType ?? c.Format.MediaType());
        }
        return message;
    }

    private static async Task<(int Status, List<string> Headers, byte[] Body)> AnswerAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => !HopByHop.Contains(h.Key) && !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(h => PerAnswer.Contains(h.Key) ? h.Key.ToLowerInvariant() : $"{h.Key.ToLowerInvariant()}: {string.Join(", ", h.Value)}")
            .Order(StringComparer.Ordinal)
            .ToList();
        return ((int)response.StatusCode, headers, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Every_documented_answer_through_the_proxy_equals_the_direct_answer_byte_for_byte()
    {
        await using var mock = await QuietMock.StartAsync(o => o.Mode = MockMode.Examples);
        await using var proxy = await ProxyUnderTest.StartAsync(mock.BaseUrl + "/");
        using var direct = new HttpClient { BaseAddress = new Uri(mock.BaseUrl + "/") };
        var cases = Contract.AllOperations.SelectMany(o => o.Cases).ToList();
        cases.Select(c => c.Format).Distinct().Count().ShouldBe(2, "JSON and XML cases");

        var differences = new List<string>();
        foreach (var c in cases)
        {
            var expected = await AnswerAsync(direct, RequestOf(c));
            var through = await AnswerAsync(proxy.Client, RequestOf(c));
            if (through.Status != expected.Status) differences.Add($"{c.Id}: status {through.Status}, direct {expected.Status}");
            if (!through.Headers.SequenceEqual(expected.Headers))
                differences.Add($"{c.Id}: headers [{string.Join(" | ", through.Headers)}], direct [{string.Join(" | ", expected.Headers)}]");
            if (!through.Body.AsSpan().SequenceEqual(expected.Body)) differences.Add($"{c.Id}: body differs ({through.Body.Length} bytes, direct {expected.Body.Length})");
        }

        differences.ShouldBeEmpty();
        await proxy.RecordedAsync(cases.Count);
        proxy.Exchanges().Count.ShouldBe(cases.Count);
    }

    [Fact]
    public async Task The_request_reaches_the_target_whole_and_nothing_is_added_to_the_answer()
    {
        (string Method, string PathAndQuery, string Authorization, string Custom)? seen = null;
        byte[] seenBody = [];
        await using var target = await LoopbackApp.StartAsync(async context =>
        {
            var r = context.Request;
            seen = (r.Method, r.Path.ToUriComponent() + r.QueryString, r.Headers.Authorization.ToString(), r.Headers["X-Custom"].ToString());
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            seenBody = buffer.ToArray();
            context.Response.Headers["X-Upstream"] = "yes";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"applicationId\":\"A\",\"name\":\"n\",\"enabled\":true}");
        });
        await using var proxy = await ProxyUnderTest.StartAsync(target.Origin);
        var body = Encoding.UTF8.GetBytes("{\"name\":\"2fa application\",\n \"enabled\": true}");
        using var request = new HttpRequestMessage(HttpMethod.Put, "2fa/2/applications/ABC%2F1?x=1&y=%20") { Content = new ByteArrayContent(body) };
        request.Headers.TryAddWithoutValidation("Authorization", "App secret-key-123");
        request.Headers.TryAddWithoutValidation("X-Custom", "kept");
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");

        using var response = await proxy.Client.SendAsync(request);

        seen.ShouldBe(("PUT", "/2fa/2/applications/ABC%2F1?x=1&y=%20", "App secret-key-123", "kept"));
        seenBody.ShouldBe(body);
        response.Headers.GetValues("X-Upstream").ShouldBe(["yes"]);
        response.Headers.Contains(ProxyServer.OwnHeader).ShouldBeFalse();
        response.Headers.Contains(ProxyServer.ViolationsHeader).ShouldBeFalse("nothing is added without --annotate");
    }

    [Fact]
    public async Task A_target_down_then_restarted_then_silent_gets_502_then_the_answer_then_504_each_failure_recorded_as_a_target_failure()
    {
        var port = FreePort();
        await using var proxy = await ProxyUnderTest.StartAsync($"http://127.0.0.1:{port}/", more: ["--timeout", "0.5"]);
        HttpRequestMessage List(string accept = "application/json")
        {
            var m = new HttpRequestMessage(HttpMethod.Get, "2fa/2/applications");
            m.Headers.TryAddWithoutValidation("Authorization", ConformanceSettings.SeedAuthorization);
            m.Headers.TryAddWithoutValidation("Accept", accept);
            return m;
        }

        using (var down = await proxy.Client.SendAsync(List()))
        {
            down.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
            down.Headers.GetValues(ProxyServer.OwnHeader).ShouldBe(["target-unreachable"]);
            var envelope = await down.Content.ReadAsStringAsync();
            envelope.ShouldContain("\"messageId\":\"TARGET_UNREACHABLE\"");
            envelope.ShouldStartWith("{\"requestError\":{\"serviceException\":");
        }
        using (var downXml = await proxy.Client.SendAsync(List("application/xml")))
            (await downXml.Content.ReadAsStringAsync()).ShouldStartWith("<requestError><serviceException><messageId>TARGET_UNREACHABLE</messageId>");

        await using (var mock = await QuietMock.StartAsync(o => o.Port = port))
        {
            using var up = await proxy.Client.SendAsync(List());
            up.StatusCode.ShouldBe(HttpStatusCode.OK, "the restarted target is used again without restarting the proxy");
            up.Headers.Contains(ProxyServer.OwnHeader).ShouldBeFalse();
        }

        var release = new TaskCompletionSource();
        await using var silent = await LoopbackApp.StartAsync(async context =>
        {
            // Never answers in time: waits until the proxy gives up (and cancels) or the test ends.
            await release.Task.WaitAsync(context.RequestAborted);
        });
        await using var slowProxy = await ProxyUnderTest.StartAsync(silent.Origin, more: ["--timeout", "0.3"]);
        using (var slow = await slowProxy.Client.SendAsync(List()))
        {
            slow.StatusCode.ShouldBe(HttpStatusCode.GatewayTimeout);
            slow.Headers.GetValues(ProxyServer.OwnHeader).ShouldBe(["target-timeout"]);
            (await slow.Content.ReadAsStringAsync()).ShouldContain("\"messageId\":\"TARGET_TIMEOUT\"");
        }
        release.TrySetResult();

        await proxy.RecordedAsync(3);
        await slowProxy.RecordedAsync(1);
        var exchanges = proxy.Exchanges();
        exchanges.Select(x => (string?)x["outcome"]).ShouldBe(["target failure", "target failure", "conforms"]);
        exchanges.Take(2).ShouldAllBe(x => x["violations"]!.AsArray().Count == 0 && x["targetFailure"]!.ToString().StartsWith("target-unreachable"));
        var timedOut = slowProxy.Exchanges().Single();
        timedOut["outcome"]!.ToString().ShouldBe("target failure");
        timedOut["targetFailure"]!.ToString().ShouldStartWith("target-timeout");

        await proxy.StopAsync();
        proxy.Server.Recorder.TargetFailures.ShouldBe(2);
        proxy.Server.Recorder.WithViolations.ShouldBe(0, "a target failure is no contract violation");
        proxy.Read(ProxyReports.Summary).ShouldContain("## Target failures");
        proxy.Read(ProxyReports.Junit).ShouldContain("<error message=\"target failures: 2");
    }

    [Fact]
    public async Task A_body_over_max_body_is_forwarded_whole_and_marked_not_validated()
    {
        await using var mock = await QuietMock.StartAsync();
        await using var proxy = await ProxyUnderTest.StartAsync(mock.BaseUrl + "/", more: ["--max-body", "1k"]);
        using var direct = new HttpClient { BaseAddress = new Uri(mock.BaseUrl + "/") };
        HttpRequestMessage List()
        {
            var m = new HttpRequestMessage(HttpMethod.Get, "2fa/2/applications");
            m.Headers.TryAddWithoutValidation("Authorization", ConformanceSettings.SeedAuthorization);
            return m;
        }
        var whole = await (await direct.SendAsync(List())).Content.ReadAsByteArrayAsync();
        whole.Length.ShouldBeGreaterThan(1024, "the seed list is over the limit");

        (await (await proxy.Client.SendAsync(List())).Content.ReadAsByteArrayAsync()).ShouldBe(whole);
        using var create = new HttpRequestMessage(HttpMethod.Post, "2fa/2/applications")
        {
            Content = new StringContent("{\"name\":\"big\"" + new string(' ', 4000) + "}", Encoding.UTF8, "application/json"),
        };
        create.Headers.TryAddWithoutValidation("Authorization", ConformanceSettings.SeedAuthorization);
        using var created = await proxy.Client.SendAsync(create);
        created.StatusCode.ShouldBe(HttpStatusCode.OK, "the whole request reached the target");

        await proxy.RecordedAsync(2);
        var (list, post) = (proxy.Exchanges()[0], proxy.Exchanges()[1]);
        list["notValidated"]!.ToString().ShouldBe(ProxyVerdicts.TooLarge);
        list["violations"]!.AsArray().ShouldBeEmpty();
        post["violations"]!.AsArray().ShouldBeEmpty("a request body too large to keep is not judged");
        proxy.Server.Recorder.Cells.Single(c => c.Cell == "createApplication/200/json").Seen.ShouldBe(1);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
