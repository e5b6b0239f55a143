using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Profiles;
using TwoFactorContracts.ConformanceTests.Proxy;
using TwoFactorContracts.ConformanceTests.Runner;
using TwoFactorContracts.ConformanceTests.Targets;
using TwoFactorContracts.ConformanceTests.Targets.Defects;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.MockServer.Flavours;

namespace TwoFactorContracts.ConformanceTests.ProxyTests;

/// <summary>
/// The proxy judges with tfc verify's checks: a target with one planted defect (the drift tests' corrupting proxy in
/// front of our mock) gives exactly the expected violation, named by check and field, in exchanges.jsonl, summary.md
/// and junit.xml; a target that answers like today's API under the today profile gives none, only accepted deviations.
/// </summary>
public class ProxyValidationTests
{
    private static readonly ContractDocument Contract = ContractDocument.Load();
    private const string ApplicationId = "0933F3BC087D2A617AC6DCB2EF5B8A61";

    private static HttpRequestMessage Get(string path, string accept = "application/json", string? authorization = ConformanceSettings.SeedAuthorization)
    {
        var m = new HttpRequestMessage(HttpMethod.Get, path);
        m.Headers.TryAddWithoutValidation("Accept", accept);
        if (authorization is not null) m.Headers.TryAddWithoutValidation("Authorization", authorization);
        return m;
    }

    private static HttpRequestMessage Post(string path, string body, string contentType = "application/json", string accept = "application/json")
    {
        var m = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        m.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        m.Headers.TryAddWithoutValidation("Accept", accept);
        m.Headers.TryAddWithoutValidation("Authorization", ConformanceSettings.SeedAuthorization);
        return m;
    }

    /// <summary>Our mock, the corrupting proxy with <paramref name="defect"/> in front of it, and tfc proxy in front of that.</summary>
    private static async Task<(IAsyncDisposable Mock, LoopbackApp Corrupting, ProxyUnderTest Proxy)> ChainAsync(IAnswerDefect defect, params string[] more)
    {
        var mock = await QuietMock.StartAsync();
        var corrupting = await CorruptingProxy.StartAsync(new Uri(mock.BaseUrl + "/"), defect);
        var proxy = await ProxyUnderTest.StartAsync(corrupting.Origin, TargetProfile.Seed, more);
        return (mock, corrupting, proxy);
    }

    private static async Task<JsonObject> OneExchangeAsync(IAnswerDefect defect, HttpRequestMessage request, Func<ProxyUnderTest, Task> reports)
    {
        var (mock, corrupting, proxy) = await ChainAsync(defect);
        await using (mock)
        await using (corrupting)
        await using (proxy)
        {
            using var response = await proxy.Client.SendAsync(request);
            await proxy.RecordedAsync(1);
            var exchange = proxy.Exchanges().Single();
            await proxy.StopAsync();
            await reports(proxy);
            return exchange;
        }
    }

    private static IReadOnlyList<JsonObject> Violations(JsonObject exchange) => [.. exchange["violations"]!.AsArray().Select(v => v!.AsObject())];

    private static async Task ReportedAsync(ProxyUnderTest proxy, string cell, string check, string field)
    {
        var summary = proxy.Read(ProxyReports.Summary);
        summary.ShouldContain($"### {cell}");
        summary.ShouldContain($"**{check}**");
        summary.ShouldContain(field);
        var junit = XDocument.Parse(proxy.Read(ProxyReports.Junit));
        var failure = junit.Descendants("testcase").Single(t => (string?)t.Attribute("name") == cell).Element("failure");
        failure.ShouldNotBeNull();
        var message = (string?)failure.Attribute("message") ?? "";
        message.ShouldContain($"{check}: ");
        message.ShouldContain(field);
        junit.Descendants("failure").Count().ShouldBe(1, "only the corrupted cell fails");
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_is_one_schema_violation_naming_the_field()
    {
        var exchange = await OneExchangeAsync(new WrongFieldType("pinAttempts", JsonValue.Create("ten")), Get($"2fa/2/applications/{ApplicationId}"),
            proxy => ReportedAsync(proxy, "getApplication/200/json", "schema", "pinAttempts"));

        var violation = Violations(exchange).ShouldHaveSingleItem();
        violation["check"]!.ToString().ShouldBe("schema");
        violation["reason"]!.ToString().ShouldContain("pinAttempts");
        violation["reason"]!.ToString().ShouldContain("IntegerExpected");
        exchange["operation"]!.ToString().ShouldBe("getApplication");
        exchange["outcome"]!.ToString().ShouldBe("violations");
    }

    [Fact]
    public async Task A_missing_field_is_named_by_the_schema_and_documented_fields_checks_in_xml_too()
    {
        var exchange = await OneExchangeAsync(new MissingField("name"), Get($"2fa/2/applications/{ApplicationId}", "application/xml"),
            proxy => ReportedAsync(proxy, "getApplication/200/xml", "schema", "name"));

        // As in tfc verify: the schema requires the field, and the documented examples carry it.
        Violations(exchange).Select(v => v["check"]!.ToString()).ShouldBe(["schema", "documented-fields"]);
        Violations(exchange)[0]["reason"]!.ToString().ShouldContain("#/name: PropertyRequired");
        Violations(exchange)[1]["reason"]!.ToString().ShouldBe("the answer leaves out name, which the documented examples carry");
    }

    [Fact]
    public async Task Json_for_xml_is_named_by_the_content_type_check()
    {
        var exchange = await OneExchangeAsync(new JsonInsteadOfXml(), Get($"2fa/2/applications/{ApplicationId}", "application/xml"),
            proxy => ReportedAsync(proxy, "getApplication/200/json", "content-type", "application/json"));

        var checks = Violations(exchange).Select(v => v["check"]!.ToString()).ToList();
        checks.ShouldBe(["content-type", "schema"], "JSON was sent where XML was asked: the media type, and a body that is no XML");
        Violations(exchange)[0]["reason"]!.ToString().ShouldBe("Content-Type is application/json; charset=utf-8, but application/xml was asked for");
    }

    [Fact]
    public async Task An_undocumented_status_is_one_status_violation_and_listed_as_undocumented_in_the_coverage()
    {
        var exchange = await OneExchangeAsync(new WrongStatus("GET", 200, 202), Get($"2fa/2/applications/{ApplicationId}"), async proxy =>
        {
            await ReportedAsync(proxy, "getApplication/202/json", "status", "202");
            var coverage = JsonNode.Parse(proxy.Read(ProxyReports.Coverage))!;
            coverage["undocumented"]!.AsArray().ShouldHaveSingleItem()!["status"]!.GetValue<int>().ShouldBe(202);
        });

        var violation = Violations(exchange).ShouldHaveSingleItem();
        violation["check"]!.ToString().ShouldBe("status");
        violation["reason"]!.ToString().ShouldStartWith("status 202 is not the documented");
    }

    [Fact]
    public async Task With_errors_a_violating_answer_becomes_the_proxys_502_listing_the_violations_and_annotate_counts_them()
    {
        var (mock, corrupting, proxy) = await ChainAsync(new WrongFieldType("pinAttempts", JsonValue.Create("ten")), "--errors", "--annotate");
        await using (mock)
        await using (corrupting)
        await using (proxy)
        {
            using var broken = await proxy.Client.SendAsync(Get($"2fa/2/applications/{ApplicationId}"));
            broken.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
            broken.Headers.GetValues(ProxyServer.OwnHeader).ShouldBe(["contract-violation"]);
            broken.Headers.GetValues(ProxyServer.ViolationsHeader).ShouldBe(["1"]);
            var error = JsonNode.Parse(await broken.Content.ReadAsStringAsync())!["requestError"]!["serviceException"]!;
            error["messageId"]!.ToString().ShouldBe("CONTRACT_VIOLATION");
            error["text"]!.ToString().ShouldContain("[schema]");
            error["text"]!.ToString().ShouldContain("pinAttempts");

            using var fine = await proxy.Client.SendAsync(Get("2fa/2/applications/UNKNOWN00000000000000000000000000"));
            fine.StatusCode.ShouldBe(HttpStatusCode.NotFound, "an answer that conforms passes unchanged");
            fine.Headers.GetValues(ProxyServer.ViolationsHeader).ShouldBe(["0"]);
            fine.Headers.Contains(ProxyServer.OwnHeader).ShouldBeFalse();
        }
    }

    [Fact]
    public async Task Requests_are_judged_too_and_no_credential_reaches_a_report()
    {
        await using var mock = await QuietMock.StartAsync();
        await using var proxy = await ProxyUnderTest.StartAsync(mock.BaseUrl + "/");
        const string secret = "Basic c2VjcmV0LXVzZXI6dG9wLXNlY3JldC1wYXNz"; // secret-user:top-secret-pass
        using (var wrong = new HttpRequestMessage(HttpMethod.Post, "2fa/2/applications")
               {
                   Content = new StringContent("{\"name\":\"c2VjcmV0LXVzZXI6dG9wLXNlY3JldC1wYXNz top-secret-pass\",\"enabled\":\"yes\"}", Encoding.UTF8, "application/json"),
               })
        {
            wrong.Headers.TryAddWithoutValidation("Authorization", secret);
            (await proxy.Client.SendAsync(wrong)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }
        (await proxy.Client.SendAsync(Get("2fa/2/applications", authorization: null))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await proxy.Client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "2fa/2/applications"))).StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        (await proxy.Client.SendAsync(Get("2fa/2/nowhere"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await proxy.RecordedAsync(4);
        var exchanges = proxy.Exchanges();
        var body = Violations(exchanges[0]).ShouldHaveSingleItem();
        body["check"]!.ToString().ShouldBe("request-body");
        body["reason"]!.ToString().ShouldContain("enabled");
        Violations(exchanges[1]).Select(v => v["check"]!.ToString()).ShouldBe(["request-credentials"], "the 401 answer is the documented one");
        Violations(exchanges[2]).Select(v => v["check"]!.ToString()).ShouldBe(["request-route"], "the 405 answer is the documented one");
        exchanges[3]["outcome"]!.ToString().ShouldBe(ProxyVerdicts.NotInContract);
        exchanges[3]["operation"].ShouldBeNull();

        await proxy.StopAsync();
        foreach (var file in new[] { ProxyRecorder.ExchangesFile, ProxyReports.Summary, ProxyReports.Junit, ProxyReports.Coverage })
        {
            var text = proxy.Read(file);
            text.ShouldNotContain("c2VjcmV0LXVzZXI6dG9wLXNlY3JldC1wYXNz", customMessage: file);
            text.ShouldNotContain("top-secret-pass", customMessage: file);
        }
        proxy.Read(ProxyRecorder.ExchangesFile).ShouldContain("***");
        proxy.Read(ProxyReports.Summary).ShouldContain("`GET /2fa/2/nowhere` | 1");
    }

    [Fact]
    public async Task A_target_like_todays_api_under_the_today_profile_gives_no_violation_only_accepted_deviations_and_coverage_lists_the_unseen()
    {
        await using var mock = await QuietMock.StartAsync(o => o.Flavour = MockFlavour.Today);
        await using var proxy = await ProxyUnderTest.StartAsync(mock.BaseUrl + "/", TargetProfile.Today);
        var client = proxy.Client;
        var sent = 0;
        async Task<JsonNode?> SendAsync(HttpRequestMessage request)
        {
            using var response = await client.SendAsync(request);
            sent++;
            var text = await response.Content.ReadAsStringAsync();
            return response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonNode.Parse(text) : null;
        }
        var create = Contract.Operation("createApplication");
        foreach (var format in new[] { BodyFormat.Json, BodyFormat.Xml })
        {
            var created = await SendAsync(Post("2fa/2/applications", create.FindRequestExample("basic", format)!.Text, format.MediaType(), "application/json"));
            var id = created!["applicationId"]!.ToString();
            await SendAsync(Get("2fa/2/applications", format.MediaType()));
            await SendAsync(Get($"2fa/2/applications/{id}", format.MediaType()));
            await SendAsync(Get($"2fa/2/applications/{ApplicationId}", format.MediaType())); // none on a fresh account: NOT_FOUND
            var template = Contract.Operation("createMessageTemplate");
            var made = await SendAsync(Post($"2fa/2/applications/{id}/messages", template.FindRequestExample("basic", format)!.Text, format.MediaType(), "application/json"));
            var messageId = made!["messageId"]!.ToString();
            await SendAsync(Get($"2fa/2/applications/{id}/messages/{messageId}", format.MediaType()));
            await SendAsync(Get($"2fa/2/applications/{id}/messages", format.MediaType()));
            var pin = await SendAsync(Post("2fa/2/pin", $"{{\"applicationId\":\"{id}\",\"messageId\":\"{messageId}\",\"from\":\"InfoSMS\",\"to\":\"447700900123\"}}"));
            var pinId = pin!["pinId"]!.ToString();
            await SendAsync(Post($"2fa/2/pin/{pinId}/verify", "{\"pin\":\"0000\"}", accept: format.MediaType()));
            await SendAsync(Get($"2fa/2/applications/{id}/verifications?msisdn=447700900123", format.MediaType()));
        }

        await proxy.RecordedAsync(sent);
        var exchanges = proxy.Exchanges();
        exchanges.Where(x => Violations(x).Count > 0).Select(x => x.ToJsonString()).ShouldBeEmpty();
        var accepted = exchanges.SelectMany(x => x["accepted"]!.AsArray()).Select(a => a!["deviation"]!.ToString()).Distinct().Order().ToList();
        accepted.ShouldContain("list-root-application-responses");
        accepted.ShouldContain("no-process-id");
        accepted.ShouldContain("not-found-generic");
        accepted.ShouldContain("create-201");

        await proxy.StopAsync();
        var coverage = JsonNode.Parse(proxy.Read(ProxyReports.Coverage))!;
        var cells = coverage["cells"]!.AsArray().Select(c => c!.AsObject()).ToList();
        cells.ShouldContain(c => c["operation"]!.ToString() == "listApplications" && c["status"]!.GetValue<int>() == 200
                                 && c["mediaType"]!.ToString() == "application/xml" && c["state"]!.ToString() == "seen");
        cells.ShouldContain(c => c["operation"]!.ToString() == "updateApplication" && c["state"]!.ToString() == "never seen");
        cells.ShouldNotContain(c => c["state"]!.ToString() == "seen with violations");
        coverage["counts"]!["neverSeen"]!.GetValue<int>().ShouldBeGreaterThan(0);
        var summary = proxy.Read(ProxyReports.Summary);
        summary.ShouldContain("## Deviations seen and accepted by the profile");
        summary.ShouldContain("`not-found-generic`");
        summary.ShouldContain("None.");
        XDocument.Parse(proxy.Read(ProxyReports.Junit)).Descendants("failure").ShouldBeEmpty();
    }

    [Fact]
    public async Task The_baseline_accepts_what_was_observed_so_the_same_exchange_no_longer_violates()
    {
        var baseline = Path.Combine(Path.GetTempPath(), $"tfc-proxy-baseline-{Guid.NewGuid():N}.json");
        try
        {
            var (mock, corrupting, proxy) = await ChainAsync(new WrongFieldType("pinAttempts", JsonValue.Create("ten")));
            await using (mock)
            await using (corrupting)
            await using (proxy)
            {
                await proxy.Client.SendAsync(Get($"2fa/2/applications/{ApplicationId}"));
                await proxy.RecordedAsync(1);
                await proxy.StopAsync(baseline);
            }
            var written = TargetProfile.Load(baseline);
            written.Deviations.ShouldContain(d => d.Accept != null && d.Accept.Cases == "getApplication/200/json" && d.Accept.Check == "schema");

            await using var mock2 = await QuietMock.StartAsync();
            await using var corrupting2 = await CorruptingProxy.StartAsync(new Uri(mock2.BaseUrl + "/"), new WrongFieldType("pinAttempts", JsonValue.Create("ten")));
            await using (var again = await ProxyUnderTest.StartAsync(corrupting2.Origin, baseline))
            {
                await again.Client.SendAsync(Get($"2fa/2/applications/{ApplicationId}"));
                await again.RecordedAsync(1);
                var exchange = again.Exchanges().Single();
                Violations(exchange).ShouldBeEmpty();
                exchange["accepted"]!.AsArray().ShouldContain(a => a!["check"]!.ToString() == "schema");
            }
        }
        finally { File.Delete(baseline); }
    }
}
