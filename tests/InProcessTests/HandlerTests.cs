using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TwoFactorContracts.Client;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.Testing;

namespace InProcessTests;

/// <summary>The mock as an HttpMessageHandler: stateful, JSON and XML, Prefer, the PIN flow and the admin API, with any base address.</summary>
public sealed class HandlerTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task What_is_created_is_read_back_through_any_base_address()
    {
        var handler = new TwoFactorMockHandler();
        using var http = new HttpClient(handler) { BaseAddress = new Uri("https://api.infobip.com/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("App", "key-1");

        using var created = await http.PostAsync("2fa/2/applications", Json("""{"name":"handler app"}"""));
        created.StatusCode.ShouldBe(HttpStatusCode.OK);
        created.Headers.GetValues("X-Request-Id").Single().ShouldNotBeNullOrEmpty();
        created.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetString()!;

        using var other = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri("http://anything.example:1234/") };
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("App", "key-1");
        using var read = await other.GetAsync($"2fa/2/applications/{id}");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString().ShouldBe("handler app");
    }

    [Fact]
    public async Task Xml_is_answered_in_xml()
    {
        var handler = new TwoFactorMockHandler();
        using var http = handler.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "2fa/2/applications")
        {
            Content = new StringContent("<request><name>xml app</name></request>", Encoding.UTF8, "application/xml"),
        };
        request.Headers.Accept.ParseAdd("application/xml");
        using var response = await http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/xml");
        (await response.Content.ReadAsStringAsync()).ShouldContain("<name>xml app</name>");
    }

    [Fact]
    public async Task Errors_carry_the_api_envelope_and_headers()
    {
        var handler = new TwoFactorMockHandler();
        using var anonymous = handler.CreateClient(authorization: "");
        using var unauthorized = await anonymous.GetAsync("2fa/2/applications");
        unauthorized.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await unauthorized.Content.ReadAsStringAsync()).ShouldContain("UNAUTHORIZED");

        using var http = handler.CreateClient();
        using var notAllowed = await http.DeleteAsync("2fa/2/applications");
        notAllowed.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        notAllowed.Content.Headers.Allow.ShouldContain("POST");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_unread()
    {
        var handler = new TwoFactorMockHandler(new MockServerOptions { MaxBodyBytes = 1024 });
        using var http = handler.CreateClient();
        using var response = await http.PostAsync("2fa/2/applications", Json($$"""{"name":"{{new string('x', 2000)}}"}"""));
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).ShouldContain("PAYLOAD_TOO_LARGE");
    }

    [Fact]
    public async Task Prefer_answers_the_documented_example_in_json_and_xml()
    {
        var handler = new TwoFactorMockHandler();
        using var http = handler.CreateClient();
        using var json = new HttpRequestMessage(HttpMethod.Get, "2fa/2/applications");
        json.Headers.TryAddWithoutValidation("Prefer", "code=500");
        using var jsonAnswer = await http.SendAsync(json);
        jsonAnswer.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await jsonAnswer.Content.ReadAsStringAsync()).ShouldContain("GENERAL_ERROR");

        using var xml = new HttpRequestMessage(HttpMethod.Get, "2fa/2/applications/NO-SUCH");
        xml.Headers.TryAddWithoutValidation("Prefer", "example=basic");
        xml.Headers.Accept.ParseAdd("application/xml");
        using var xmlAnswer = await http.SendAsync(xml);
        xmlAnswer.StatusCode.ShouldBe(HttpStatusCode.OK);
        xmlAnswer.Content.Headers.ContentType!.MediaType.ShouldBe("application/xml");

        using var unknown = new HttpRequestMessage(HttpMethod.Get, "2fa/2/applications");
        unknown.Headers.TryAddWithoutValidation("Prefer", "code=418");
        using var unknownAnswer = await http.SendAsync(unknown);
        unknownAnswer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    /// <summary>Every documented Prefer answer, byte for byte what the running mock's stub answers.</summary>
    [Fact]
    public async Task Prefer_answers_are_the_running_mock_s()
    {
        await using var running = await QuietMock.StartAsync();
        var handler = new TwoFactorMockHandler();
        using var inProcess = handler.CreateClient(authorization: running.Authorization);
        var contract = TwoFactorContracts.Contract.ContractDocument.Load();
        var compared = 0;
        foreach (var operation in contract.AllOperations)
        {
            foreach (var example in operation.Responses.SelectMany(r => r.Examples))
            {
                var path = System.Text.RegularExpressions.Regex.Replace(operation.PathTemplate, "{[^}]+}", "ID1").TrimStart('/');
                HttpRequestMessage Request()
                {
                    var request = new HttpRequestMessage(new HttpMethod(operation.Method), path);
                    request.Headers.TryAddWithoutValidation("Prefer", $"code={example.Status}, example={example.Name}");
                    request.Headers.Accept.ParseAdd(example.Format == TwoFactorContracts.Contract.BodyFormat.Xml ? "application/xml" : "application/json");
                    if (operation.Method is "POST" or "PUT") request.Content = Json("{}");
                    return request;
                }
                using var expected = await running.HttpClient.SendAsync(Request());
                using var actual = await inProcess.SendAsync(Request());
                var where = $"{operation.OperationId} {example.Name} {example.Status} {example.Format}";
                ((int)actual.StatusCode).ShouldBe((int)expected.StatusCode, where);
                actual.Content.Headers.ContentType?.ToString().ShouldBe(expected.Content.Headers.ContentType?.ToString(), where);
                (await actual.Content.ReadAsStringAsync()).ShouldBe(await expected.Content.ReadAsStringAsync(), where);
                compared++;
            }
        }
        compared.ShouldBeGreaterThan(30);
    }

    /// <summary>The edge's 414 and 431 (a request line or headers over Kestrel's default limits), as the running mock answers them.</summary>
    [Fact]
    public async Task Oversized_heads_are_answered_414_and_431_like_the_running_mock()
    {
        await using var running = await QuietMock.StartAsync();
        using var inProcess = new TwoFactorMockHandler().CreateClient(authorization: running.Authorization);
        var cases = new (string Name, int Status, Func<HttpRequestMessage> Request)[]
        {
            ("long query", 414, () => new HttpRequestMessage(HttpMethod.Get, "2fa/2/applications?q=" + new string('a', 9 * 1024))),
            ("long header", 431, () => WithHeaders(1, 33 * 1024)),
            ("many headers", 431, () => WithHeaders(120, 10)),
            ("long header, XML", 431, () =>
            {
                var request = WithHeaders(1, 33 * 1024);
                request.Headers.Accept.ParseAdd("application/xml");
                return request;
            }),
        };
        foreach (var (name, status, request) in cases)
        {
            using var expected = await running.HttpClient.SendAsync(request());
            using var actual = await inProcess.SendAsync(request());
            ((int)expected.StatusCode).ShouldBe(status, name);
            ((int)actual.StatusCode).ShouldBe(status, name);
            actual.Content.Headers.ContentType?.ToString().ShouldBe(expected.Content.Headers.ContentType?.ToString(), name);
            (await actual.Content.ReadAsStringAsync()).ShouldBe(await expected.Content.ReadAsStringAsync(), name);
        }

        static HttpRequestMessage WithHeaders(int count, int length)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "2fa/2/applications");
            for (var i = 0; i < count; i++) request.Headers.TryAddWithoutValidation($"X-Filler-{i}", new string('b', length));
            return request;
        }
    }

    [Fact]
    public async Task The_pin_flow_runs_with_the_outbox_clock_and_fixed_pins_of_the_admin_api()
    {
        var handler = new TwoFactorMockHandler();
        var client = handler.CreateTwoFactorClient();
        using var http = handler.CreateClient();
        var app = await client.CreateApplicationAsync(new ApplicationRequest { Name = "flow", Configuration = new ApplicationConfiguration { PinTimeToLive = "10m" } });
        var template = await client.CreateMessageTemplateAsync(new MessageTemplateRequest { PinType = PinType.NUMERIC, MessageText = "Code {{pin}}", PinLength = 4 }, app.ApplicationId);

        using var fixedPin = await http.PutAsync("__admin/mock/fixed-pins/41793026727", Json("""{"pin":"4321"}"""));
        fixedPin.StatusCode.ShouldBe(HttpStatusCode.OK);
        var sent = await client.SendPinOverSmsAsync(new SendPinRequest { ApplicationId = app.ApplicationId, MessageId = template.MessageId, To = "41793026727" });

        var outbox = await http.GetFromJsonAsync<JsonElement>($"__admin/mock/outbox?pinId={sent.PinId}");
        outbox.GetProperty("messages")[0].GetProperty("pin").GetString().ShouldBe("4321");
        handler.Mock.Flow.Outbox.Read().Messages.Single().Text.ShouldBe("Code 4321");

        using var advanced = await http.PostAsync("__admin/mock/clock", Json("""{"advance":"11m"}"""));
        advanced.StatusCode.ShouldBe(HttpStatusCode.OK);
        var expired = await client.VerifyPinAsync(new VerifyPinRequest { Pin = "4321" }, sent.PinId);
        expired.Verified.ShouldBeFalse();
        expired.PinError.ShouldBe("TTL_EXPIRED");

        using var reset = await http.PostAsync("__admin/reset", null);
        reset.StatusCode.ShouldBe(HttpStatusCode.OK);
        handler.Mock.Flow.Outbox.Read().Messages.ShouldBeEmpty();
        using var health = await http.GetAsync("__admin/health");
        (await health.Content.ReadAsStringAsync()).ShouldBe("Healthy");
        using var wireMocksOwn = await http.GetAsync("__admin/mappings");
        wireMocksOwn.StatusCode.ShouldBe(HttpStatusCode.NotFound); // WireMock's admin API is not there
    }

    [Fact]
    public async Task Failure_outcomes_come_through_the_handler_by_Prefer_a_reserved_number_and_the_admin_switch()
    {
        var handler = new TwoFactorMockHandler();
        var client = handler.CreateTwoFactorClient();
        using var http = handler.CreateClient();
        var app = await client.CreateApplicationAsync(new ApplicationRequest { Name = "outcomes" });
        var template = await client.CreateMessageTemplateAsync(new MessageTemplateRequest { PinType = PinType.NUMERIC, MessageText = "Code {{pin}}", PinLength = 4 }, app.ApplicationId);
        SendPinRequest To(string to) => new() { ApplicationId = app.ApplicationId, MessageId = template.MessageId, To = to };

        // A reserved test number of the contract.
        var reserved = await client.SendPinOverSmsAsync(To("447700900990"));
        (reserved.NcStatus, reserved.SmsStatus).ShouldBe(("NC_DESTINATION_NOT_REACHABLE", "MESSAGE_NOT_SENT"));

        // The admin switch through the handler, and the same switch on the engine itself.
        using var set = await http.PutAsync("__admin/mock/recipients/41793026727", Json("""{"ncStatus":"NC_NOT_CONFIGURED"}"""));
        set.StatusCode.ShouldBe(HttpStatusCode.OK);
        var switched = await client.SendPinOverSmsAsync(To("41793026727"));
        (switched.NcStatus, switched.SmsStatus).ShouldBe(("NC_NOT_CONFIGURED", "MESSAGE_SENT"));
        handler.Mock.Flow.Outcomes.Set("41793026799", handler.Mock.Flow.Outcomes.Documented.Read("NC_DESTINATION_UNKNOWN", null, null, out _)!);
        (await client.SendPinOverSmsAsync(To("41793026799"))).NcStatus.ShouldBe("NC_DESTINATION_UNKNOWN");
        handler.Mock.Flow.Outbox.Read(to: "447700900990").Messages.Single().Sent.ShouldBeFalse();

        // Prefer: the documented example, answered by the pipeline itself (no WireMock in front).
        using var request = new HttpRequestMessage(HttpMethod.Post, $"2fa/2/pin/{reserved.PinId}/resend");
        request.Headers.TryAddWithoutValidation("Prefer", "example=notReachable");
        using var preferred = await http.SendAsync(request);
        var answer = await preferred.Content.ReadFromJsonAsync<JsonElement>();
        answer.GetProperty("ncStatus").GetString().ShouldBe("NC_NOT_REACHABLE");
        answer.GetProperty("smsStatus").GetString().ShouldBe("MESSAGE_NOT_SENT");

        using var reset = await http.PostAsync("__admin/reset", null);
        handler.Mock.Flow.Outcomes.Snapshot().ShouldBeEmpty("a reset forgets what was set; the reserved numbers stay");
        handler.Mock.Flow.Outcomes.For("447700900990").ShouldNotBeNull();
    }

    [Fact]
    public async Task Parallel_tests_see_separate_accounts()
    {
        var shared = new TwoFactorMockHandler(new MockServerOptions { Seed = SeedMode.Empty });
        async Task<IReadOnlyList<string>> OneTestAsync(int n)
        {
            var own = new TwoFactorMockHandler(new MockServerOptions { Seed = SeedMode.Empty });
            var onOwn = own.CreateTwoFactorClient();
            var onShared = shared.CreateTwoFactorClient("App parallel-" + n); // one handler, an account per credential
            for (var i = 0; i < 5; i++)
            {
                await onOwn.CreateApplicationAsync(new ApplicationRequest { Name = $"test {n} app {i}" });
                await onShared.CreateApplicationAsync(new ApplicationRequest { Name = $"test {n} app {i}" });
            }
            var ownList = await onOwn.ListApplicationsAsync();
            var sharedList = await onShared.ListApplicationsAsync();
            sharedList.Select(a => a.Name).ShouldBe(ownList.Select(a => a.Name), ignoreOrder: true);
            return ownList.Select(a => a.Name).ToList();
        }
        var lists = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(() => OneTestAsync(n))));
        for (var n = 0; n < lists.Length; n++)
            lists[n].ShouldBe(Enumerable.Range(0, 5).Select(i => $"test {n} app {i}").ToList(), ignoreOrder: true);
    }

    [Fact]
    public async Task It_composes_with_IHttpClientFactory()
    {
        var handler = new TwoFactorMockHandler();
        var services = new ServiceCollection();
        services.AddHttpClient("infobip", c => c.BaseAddress = new Uri("https://api.infobip.com/"))
            .ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("infobip");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("App", "factory");
        using var response = await http.GetAsync("2fa/2/applications");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        handler.Mock.Journal.Snapshot().ShouldContain(e => e.Path == "/2fa/2/applications" && e.Status == 200);
    }

    [Fact]
    public void Examples_mode_needs_the_running_mock()
    {
        Should.Throw<ArgumentException>(() => new TwoFactorMockHandler(new MockServerOptions { Mode = MockMode.Examples }))
            .Message.ShouldContain("WireMock");
    }
}
