using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Command;
using TwoFactorContracts.ConformanceTests.Profiles;
using TwoFactorContracts.ConformanceTests.Proxy;
using TwoFactorContracts.ConformanceTests.ProxyTests;
using TwoFactorContracts.ConformanceTests.Targets;
using TwoFactorContracts.MockServer.Flavours;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>
/// <c>tfc proxy</c> and <c>tfc compare</c> judged against a target we did not write: <c>tests/DocumentServer</c>, a
/// server built from today's official document alone. In front of it under <c>today</c>, the proxy's reports name
/// only what really differs from our contract, each explained here; beside our mock's today flavour, compare lists
/// only differences explained here and exits 1 for them.
/// </summary>
[Collection(nameof(IndependentTargetTests))]
public sealed partial class IndependentTargetProxyCompareTests
{
    private const string Key = "App independent-proxy-key";
    private static readonly ContractDocument Contract = ContractDocument.Load();
    private static readonly string[] ServerWindow = ["--window-ms", "3000"];

    private static HttpRequestMessage Request(HttpMethod method, string path, string accept, string? body = null, string contentType = "application/json")
    {
        var m = new HttpRequestMessage(method, path);
        m.Headers.TryAddWithoutValidation("Accept", accept);
        m.Headers.TryAddWithoutValidation("Authorization", Key);
        if (body is not null) m.Content = new StringContent(body, Encoding.UTF8, contentType);
        return m;
    }

    [Fact]
    public async Task The_proxy_in_front_of_the_document_server_under_today_names_only_real_differences()
    {
        await using var server = await DocumentServer.StartAsync(ServerWindow);
        await using var proxy = await ProxyUnderTest.StartAsync(server.Url, TargetProfile.Today);
        var sent = 0;
        async Task<JsonNode?> SendAsync(HttpRequestMessage request)
        {
            using (request)
            using (var response = await proxy.Client.SendAsync(request))
            {
                sent++;
                var text = await response.Content.ReadAsStringAsync();
                return response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonNode.Parse(text) : null;
            }
        }
        const string Json = "application/json";
        foreach (var format in new[] { BodyFormat.Json, BodyFormat.Xml })
        {
            var media = format.MediaType();
            var created = await SendAsync(Request(HttpMethod.Post, "2fa/2/applications", Json,
                Contract.Operation("createApplication").FindRequestExample("basic", format)!.Text, media));
            var id = created!["applicationId"]!.ToString();
            await SendAsync(Request(HttpMethod.Get, "2fa/2/applications", media));
            await SendAsync(Request(HttpMethod.Get, $"2fa/2/applications/{id}", media));
            await SendAsync(Request(HttpMethod.Put, $"2fa/2/applications/{id}", media,
                Contract.Operation("updateApplication").FindRequestExample("basic", format)!.Text, media));
            await SendAsync(Request(HttpMethod.Get, "2fa/2/applications/0933F3BC087D2A617AC6DCB2EF5B8A61", media)); // unknown here: 404
            var made = await SendAsync(Request(HttpMethod.Post, $"2fa/2/applications/{id}/messages", Json,
                Contract.Operation("createMessageTemplate").FindRequestExample("basic", format)!.Text, media));
            var messageId = made!["messageId"]!.ToString();
            await SendAsync(Request(HttpMethod.Get, $"2fa/2/applications/{id}/messages/{messageId}", media));
            await SendAsync(Request(HttpMethod.Get, $"2fa/2/applications/{id}/messages", media));
            var pin = await SendAsync(Request(HttpMethod.Post, "2fa/2/pin", Json,
                $"{{\"applicationId\":\"{id}\",\"messageId\":\"{messageId}\",\"from\":\"InfoSMS\",\"to\":\"447700900123\"}}"));
            var pinId = pin!["pinId"]!.ToString();
            await SendAsync(Request(HttpMethod.Post, $"2fa/2/pin/{pinId}/resend", media, "{\"placeholders\":{}}"));
            await SendAsync(Request(HttpMethod.Post, $"2fa/2/pin/{pinId}/verify", media, "{\"pin\":\"0000\"}"));
            await SendAsync(Request(HttpMethod.Get, $"2fa/2/applications/{id}/verifications?msisdn=447700900123", media));
        }
        await SendAsync(Request(HttpMethod.Get, "2fa/2/applications", Json).WithoutAuthorization()); // 401
        await SendAsync(Request(HttpMethod.Get, "2fa/2/nowhere", Json));                             // not in the contract

        await proxy.RecordedAsync(sent);
        await proxy.StopAsync();
        var exchanges = proxy.Exchanges();
        exchanges.Count.ShouldBe(sent);
        exchanges.ShouldNotContain(x => x["outcome"]!.ToString() == "target failure" || x["outcome"]!.ToString().StartsWith("not validated"));
        var violations = exchanges.SelectMany(x => x["violations"]!.AsArray().Select(v => $"{x["operation"]}: {v!["check"]}: {v["reason"]}")).ToList();
        // The one violation is our own request's (sent without credentials on purpose); the server's 401 answer conforms.
        violations.ShouldBe(["listApplications: request-credentials: the request carries no Authorization header (the contract answers 401)"],
            $"the document server conforms under today; every violation:\n{string.Join("\n", violations)}");
        var accepted = exchanges.SelectMany(x => x["accepted"]!.AsArray().Select(a => a!["deviation"]!.ToString())).Distinct().ToList();
        accepted.Where(id => !IndependentTargetTests.Explained.ContainsKey(id)).ShouldBeEmpty(
            "each deviation accepted is one IndependentTargetTests explains for this server under verify");
        accepted.ShouldContain("create-201");
        accepted.ShouldContain("no-process-id");
        accepted.ShouldContain("not-found-generic");
        accepted.ShouldContain("list-root-application-responses");
        exchanges.Last()["outcome"]!.ToString().ShouldBe(ProxyVerdicts.NotInContract);
        proxy.Read(ProxyReports.Summary).ShouldContain("`GET /2fa/2/nowhere` | 1");
    }

    [Fact]
    public async Task Compare_our_mock_today_beside_the_document_server_lists_only_explained_differences_and_exits_1()
    {
        await using var server = await DocumentServer.StartAsync(ServerWindow);
        await using var mock = await QuietMock.StartAsync(o => o.Flavour = MockFlavour.Today);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CompareCommand.RunAsync(
            ["--a", mock.BaseUrl, "--kind-a", "mock", "--b", server.Url, "--auth", Key, "--pin-from-b", server.PinFrom, "--profile", TargetProfile.Today,
             "--budget", "create=20/3s", "--budget", "update=40/3s", "--budget", "list=50/3s", "--budget", "get=100/3s",
             "--budget", "createEmailMessageTemplate=20/3s", "--budget", "updateEmailMessageTemplate=40/3s"],
            stdout, stderr).WaitAsync(TimeSpan.FromMinutes(5));

        var output = stdout.ToString();
        exit.ShouldBe(CompareCommand.Different, output + stderr);
        output.ShouldStartWith("DIFFERENT: ");
        // The differences proper: the lines before the ones the profile accepts (each named with its entry).
        var differences = output.Split("Differences accepted by profile")[0];
        var listed = differences.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("  ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
        var unexplained = listed.Where(l => !CompareExplained.Any(e => e.Pattern.IsMatch(l))).ToList();
        unexplained.ShouldBeEmpty($"unexplained differences:\n{string.Join("\n", unexplained)}");
        listed.ShouldNotContain(l => l.Contains(": id: ", StringComparison.Ordinal) || l.Contains(": answer: ", StringComparison.Ordinal),
            "ids map and both targets answer every case");
        foreach (var (pattern, why, _) in CompareExplained.Where(e => e.Required))
            listed.ShouldContain(l => pattern.IsMatch(l), why);
    }

    /// <summary>
    /// Why each difference between our mock's today flavour (a) and the document server (b) is a real one, and must be
    /// listed: neither the contract nor the today profile says the two may differ there. Each is seen in every run.
    /// </summary>
    private static readonly (Regex Pattern, string Why, bool Required)[] CompareExplained =
    [
        (FieldErrorText(), "a 400 for a field is worded by each server: the mock as the real API words it ([field : rule]), "
            + "the document server its own way; the document gives no text for field errors", true),
        (ValidationErrors(), "the document's error envelope has an optional validationErrors map, which the document server fills "
            + "on JSON 400s and our mock never writes", true),
        (GenericNotFoundText(), "the document server answers every unknown id with the generic 404 text \"Not found\"; our today "
            + "flavour keeps the specific texts for PINs and templates, and the profile's not-found-generic covers applications only", true),
        (VerificationEntries(), "b answers the notAcceptable sends (an Accept it cannot write) with 200 and sends a PIN "
            + "(our decision not-acceptable, accepted on those cases): more entries in b's verification lists (the phone "
            + "number's and the email address's), which have no ids and are compared by position, so their entries are shifted", true),
    ];

    [GeneratedRegex(@"^[^:]+: error-text: requestError\.serviceException\.text: a has ""\[[\w.]+ : .*, b ""Invalid request\. [\w.]+: ")]
    private static partial Regex FieldErrorText();

    [GeneratedRegex(@"^[^:]+: field: requestError\.serviceException\.validationErrors: requestError\.serviceException\.validationErrors is missing in a, present in b$")]
    private static partial Regex ValidationErrors();

    [GeneratedRegex(@"^flow/unknown-ids/[^:]+: error-text: requestError\.serviceException\.text: a has ""(PIN|Message template) not found\."", b ""Not found""$")]
    private static partial Regex GenericNotFoundText();

    [GeneratedRegex(@"^getVerificationStatus/(basic|emailAddress)/(json|xml): (items: verifications: a's list has (\d+) items, b's \d+|value: verifications\[\]\.verified: a has true, b false|field: verifications\[\]\.verifiedAt: verifications\[\]\.verifiedAt is present in a, missing in b)$")]
    private static partial Regex VerificationEntries();
}

internal static class RequestExtensions
{
    public static HttpRequestMessage WithoutAuthorization(this HttpRequestMessage request)
    {
        request.Headers.Remove("Authorization");
        return request;
    }
}
