using System.Text;
using System.Text.Json.Nodes;
using MockServer.Tests.Support;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Runner;
using TwoFactorContracts.MockServer;

namespace MockServer.Tests.Mappings;

/// <summary>
/// The contract's documented cases are WireMock stubs in the running mock: listed by the admin API, answered
/// through WireMock's matching, editable and deletable like any stub, restored by a reset.
/// </summary>
public sealed class CaseStubTests : IAsyncLifetime
{
    private static readonly ContractDocument Contract = ContractDocument.Load();

    /// <summary>Every documented case of every operation: the applications', the templates' and the PIN flow's.</summary>
    private static readonly IReadOnlyList<ContractCase> AllCases = [.. Contract.AllOperations.SelectMany(o => o.Cases)];
    private readonly List<IAsyncDisposable> _started = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var started in _started) await started.DisposeAsync();
    }

    private async Task<MockServerHost> StartAsync(MockMode mode, Action<MockServerOptions>? configure = null)
    {
        var mock = await QuietMock.StartAsync(o => { o.Mode = mode; configure?.Invoke(o); });
        _started.Add(mock);
        return mock.Host;
    }

    private static async Task<JsonArray> MappingsAsync(MockServerHost host) =>
        Bodies.Json(await ApiClient.NewHttp(host.BaseUrl).GetStringAsync("/__admin/mappings")).AsArray();

    private static JsonNode StubOf(JsonArray mappings, string title) =>
        mappings.Single(m => m!["Title"]?.GetValue<string>() == title)!;

    [Fact]
    public async Task Examples_mode_lists_one_titled_stub_with_a_response_per_documented_case()
    {
        var host = await StartAsync(MockMode.Examples);
        var mappings = await MappingsAsync(host);
        foreach (var c in AllCases)
        {
            var stub = c.NeedsNoRequestCause && !c.Statuses.Contains(401) && !c.CausedByEnvelope
                ? StubOf(mappings, $"{c.Id} (Prefer)") // no request causes it: asked for with Prefer
                : StubOf(mappings, c.Id);
            c.Statuses.ShouldContain(stub["Response"]!["StatusCode"]!.GetValue<int>(), c.Id);
            stub["Response"]!["Body"]!.GetValue<string>().ShouldBe(c.ResponseExample.Text, c.Id);
        }
        host.CaseStubCount.ShouldBe(mappings.Count(m => m!["Title"]?.GetValue<string>() is { } t && AllCases.Any(c => t.StartsWith(c.Id + " ", StringComparison.Ordinal) || t == c.Id)));
    }

    [Fact]
    public async Task The_exact_example_run_goes_through_WireMocks_matching()
    {
        // Proof: with one case's stub deleted through WireMock's admin API, exactly that case fails; a reset restores it.
        var host = await StartAsync(MockMode.Examples);
        var target = new ConformanceTarget(new Uri(host.Url + "/"), TargetKind.ExamplesMock);
        using var runner = new ConformanceRunner(target, ConformanceSettings.FromEnvironment(_ => null), Contract);
        var all = await runner.RunAllAsync(AllCases);
        all.Where(r => !r.Passed).Select(r => r.Describe()).ShouldBeEmpty();

        var notFound = AllCases.First(c => c.Id == "getApplication/notFound/xml");
        var stub = StubOf(await MappingsAsync(host), notFound.Id);
        var http = ApiClient.NewHttp(host.BaseUrl);
        (await http.DeleteAsync($"/__admin/mappings/{stub["Guid"]}")).IsSuccessStatusCode.ShouldBeTrue();
        var without = await runner.RunAsync(notFound);
        without.Passed.ShouldBeFalse(); // what no stub matches gets the default (basic) answer, not the documented 404

        (await http.PostAsync("/__admin/reset", null)).IsSuccessStatusCode.ShouldBeTrue();
        (await runner.RunAsync(notFound)).Passed.ShouldBeTrue();
        (await MappingsAsync(host)).Count(m => m!["Title"]?.GetValue<string>() == notFound.Id).ShouldBe(1);
    }

    [Fact]
    public async Task A_stub_edited_through_the_admin_API_answers_until_a_reset()
    {
        var host = await StartAsync(MockMode.Examples);
        var stub = StubOf(await MappingsAsync(host), "getApplication/notFound/json");
        stub["Response"]!["Body"] = """{"requestError":{"serviceException":{"messageId":"EDITED","text":"edited"}}}""";
        var http = ApiClient.NewHttp(host.BaseUrl);
        (await http.PutAsync($"/__admin/mappings/{stub["Guid"]}", new StringContent(stub.ToJsonString(), Encoding.UTF8, "application/json"))).IsSuccessStatusCode.ShouldBeTrue();

        var client = ApiClient.ForNewAccount(host.BaseUrl);
        var notFound = $"{ApiClient.Collection}/{Contract.Operation("getApplication").PathExamples["notFound"]}";
        await (await client.GetAsync(notFound)).ShouldBeError(404, "EDITED");

        (await http.PostAsync("/__admin/reset", null)).IsSuccessStatusCode.ShouldBeTrue();
        await (await client.GetAsync(notFound)).ShouldBeError(404, "APPLICATION_NOT_FOUND");
    }

    [Fact]
    public async Task What_no_stub_matches_gets_the_APIs_envelope_naming_what_did_not_match()
    {
        var host = await StartAsync(MockMode.Examples);
        var client = ApiClient.ForNewAccount(host.BaseUrl);
        await (await client.GetAsync("/2fa/2/nothing-here")).ShouldBeError(404, "NOT_FOUND", "Not found"); // today's API's words
        await (await client.GetAsync(accept: "text/html")).ShouldBeError(406, "NOT_ACCEPTABLE");
        var (_, invalid) = await Bodies.ErrorOf(await client.PostJsonAsync("""{"name":"n","configuration":{"pinAttempts":0}}"""));
        invalid.ShouldContain("configuration.pinAttempts");
        var (_, prefer) = await Bodies.ErrorOf(await client.GetAsync(headers: new Dictionary<string, string> { ["Prefer"] = "code=418" }));
        prefer.ShouldStartWith("Prefer code=418 is not documented for listApplications");
    }

    [Fact]
    public async Task A_credential_the_mock_does_not_accept_is_refused_before_the_stubs()
    {
        var host = await StartAsync(MockMode.Examples, o => o.AcceptedCredentials = ["App right-key"]);
        var client = ApiClient.ForNewAccount(host.BaseUrl);
        await (await client.As("App wrong-key").GetAsync()).ShouldBeError(401, "UNAUTHORIZED");
        await (await client.As("App right-key").GetAsync()).ShouldBeOk();
    }

    [Fact]
    public async Task Requests_answered_by_stubs_are_journaled()
    {
        var host = await StartAsync(MockMode.Examples);
        var client = ApiClient.ForNewAccount(host.BaseUrl).As("App journal-key");
        await (await client.GetAsync()).ShouldBeOk();
        var entries = Bodies.Json(await client.Http.GetStringAsync("/__admin/mock/journal"))["entries"]!.AsArray();
        var entry = entries.ShouldHaveSingleItem()!;
        entry["path"]!.GetValue<string>().ShouldBe(ApiClient.Collection);
        entry["status"]!.GetValue<int>().ShouldBe(200);
        entry["credential"]!.GetValue<string>().ShouldStartWith("App #");
    }

    [Fact]
    public async Task Stateful_mode_loads_only_the_Prefer_stubs_and_Prefer_goes_through_them()
    {
        var host = await StartAsync(MockMode.Stateful);
        var mappings = await MappingsAsync(host);
        var titles = mappings.Select(m => m!["Title"]?.GetValue<string>() ?? "").Where(t => t.Contains('/')).ToList();
        titles.ShouldNotBeEmpty();
        titles.ShouldAllBe(t => t.Contains("(Prefer"));
        host.UserStubsPresent.ShouldBeFalse(); // the contract's stubs are not user stubs: plain requests keep the fast path

        var client = ApiClient.ForNewAccount(host.BaseUrl);
        var prefer = new Dictionary<string, string> { ["Prefer"] = "code=429" };
        (await client.GetAsync(headers: prefer)).StatusCode.ShouldBe((System.Net.HttpStatusCode)429);

        var stub = StubOf(mappings, "listApplications/tooManyRequests/json (Prefer)");
        (await client.Http.DeleteAsync($"/__admin/mappings/{stub["Guid"]}")).IsSuccessStatusCode.ShouldBeTrue();
        var (_, text) = await Bodies.ErrorOf(await client.GetAsync(headers: prefer));
        text.ShouldContain("no mapping answered it");
        (await client.Http.PostAsync("/__admin/reset", null)).IsSuccessStatusCode.ShouldBeTrue();
        (await client.GetAsync(headers: prefer)).StatusCode.ShouldBe((System.Net.HttpStatusCode)429);
    }

    [Fact]
    public async Task A_new_example_in_the_contract_is_a_new_stub_with_no_code_change()
    {
        var folder = Directory.CreateTempSubdirectory("tfc-contract-").FullName;
        try
        {
            var yaml = await File.ReadAllTextAsync(ContractDocument.DefaultPath);
            // The JSON examples of components/responses/TooManyRequests (every operation's 429).
            const string anchor = "\n            tooManyRequests:\n              $ref: '#/components/examples/ThrottledJson'\n";
            yaml.ShouldContain(anchor);
            var index = yaml.IndexOf(anchor, StringComparison.Ordinal) + anchor.Length;
            yaml = yaml.Insert(index, """
                            dailyLimit:
                              summary: The day's budget is used up
                              value:
                                requestError:
                                  serviceException:
                                    messageId: TOO_MANY_REQUESTS
                                    text: Daily limit reached

                """.Replace("\r", "", StringComparison.Ordinal).TrimEnd('\n') + "\n");
            var contract = Path.Combine(folder, "contract.yaml");
            await File.WriteAllTextAsync(contract, yaml);

            var host = await StartAsync(MockMode.Examples, o => o.ContractPath = contract);
            StubOf(await MappingsAsync(host), "listApplications/dailyLimit/json (Prefer)");
            var response = await ApiClient.ForNewAccount(host.BaseUrl).GetAsync(headers: new Dictionary<string, string> { ["Prefer"] = "example=dailyLimit" });
            await response.ShouldBeError(429, "TOO_MANY_REQUESTS", "Daily limit reached");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
