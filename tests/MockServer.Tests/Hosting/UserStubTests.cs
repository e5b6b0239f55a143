using System.Text;
using MockServer.Tests.Support;
using TwoFactorContracts.Testing;

namespace MockServer.Tests.Hosting;

/// <summary>User stubs (admin API or --mappings) win over the mock's answers; everything else still works.</summary>
public class UserStubTests : IAsyncLifetime
{
    private const string StubForList = """
        {
          "Guid": "11111111-2222-3333-4444-555555555555",
          "Request": { "Path": { "Matchers": [ { "Name": "WildcardMatcher", "Pattern": "/2fa/2/applications" } ] }, "Methods": [ "GET" ] },
          "Response": { "StatusCode": 503, "Body": "stubbed by the user", "Headers": { "Content-Type": "text/plain" } }
        }
        """;

    private TwoFactorMock _mock = null!;
    private string? _mappingsFolder;

    public async Task InitializeAsync()
    {
        _mappingsFolder = Directory.CreateTempSubdirectory("mock-mappings-").FullName;
        await File.WriteAllTextAsync(Path.Combine(_mappingsFolder, "item.json"), """
            {
              "Request": { "Path": { "Matchers": [ { "Name": "WildcardMatcher", "Pattern": "/2fa/2/applications/FROMFOLDER" } ] }, "Methods": [ "GET" ] },
              "Response": { "StatusCode": 200, "BodyAsJson": { "applicationId": "FROMFOLDER", "name": "from the folder" } }
            }
            """);
        _mock = await QuietMock.StartAsync(o => o.MappingsFolder = _mappingsFolder);
    }

    public async Task DisposeAsync()
    {
        await _mock.DisposeAsync();
        if (_mappingsFolder is not null) Directory.Delete(_mappingsFolder, recursive: true);
    }

    [Fact]
    public async Task A_mappings_folder_stub_wins_and_the_rest_still_runs_the_pipeline()
    {
        _mock.Host.UserStubsPresent.ShouldBeTrue();
        var client = ApiClient.ForNewAccount(_mock.Host.BaseUrl);
        (await (await client.GetAsync($"{ApiClient.Collection}/FROMFOLDER")).ShouldBeOk()).ShouldContain("from the folder");

        // Through WireMock's catch-all: state, validation, credentials and negotiation all still apply.
        var id = await client.CreateAsync("""{"name":"via catch-all"}""");
        (await (await client.GetAsync($"{ApiClient.Collection}/{id}", "application/xml")).ShouldBeOk()).ShouldContain("<name>via catch-all</name>");
        await (await client.PostJsonAsync("""{"enabled":true}""")).ShouldBeError(400, "BAD_REQUEST", Texts.MissingName);
        await (await client.As(null).GetAsync()).ShouldBeError(401, "UNAUTHORIZED");
        await (await client.GetAsync("/elsewhere")).ShouldBeError(404, "NOT_FOUND");
    }

    [Fact]
    public async Task A_stub_added_through_the_admin_API_wins_until_it_is_deleted()
    {
        var client = ApiClient.ForNewAccount(_mock.Host.BaseUrl);
        var http = client.Http;
        (await http.PostAsync("/__admin/mappings", new StringContent(StubForList, Encoding.UTF8, "application/json"))).IsSuccessStatusCode.ShouldBeTrue();

        var stubbed = await client.GetAsync();
        ((int)stubbed.StatusCode).ShouldBe(503);
        (await stubbed.Content.ReadAsStringAsync()).ShouldBe("stubbed by the user");

        (await http.DeleteAsync("/__admin/mappings/11111111-2222-3333-4444-555555555555")).IsSuccessStatusCode.ShouldBeTrue();
        await (await client.GetAsync()).ShouldBeOk();
    }

    [Fact]
    public async Task Deleting_every_mapping_leaves_the_mock_answering()
    {
        var client = ApiClient.ForNewAccount(_mock.Host.BaseUrl);
        (await client.Http.DeleteAsync("/__admin/mappings")).IsSuccessStatusCode.ShouldBeTrue();
        _mock.Host.UserStubsPresent.ShouldBeFalse();
        await (await client.GetAsync()).ShouldBeOk();
        await (await client.GetAsync($"{ApiClient.Collection}/FROMFOLDER")).ShouldBeError(404, "APPLICATION_NOT_FOUND");
    }

    [Fact]
    public async Task Admin_reset_returns_state_to_the_seed_and_stubs_to_the_folder()
    {
        var client = ApiClient.ForNewAccount(_mock.Host.BaseUrl);
        var id = await client.CreateAsync("""{"name":"forgotten"}""");
        await client.Http.PostAsync("/__admin/mappings", new StringContent(StubForList, Encoding.UTF8, "application/json"));

        (await client.Http.PostAsync("/__admin/reset", null)).IsSuccessStatusCode.ShouldBeTrue();

        await (await client.GetAsync($"{ApiClient.Collection}/{id}")).ShouldBeError(404, "APPLICATION_NOT_FOUND");
        (await Bodies.JsonOf(await client.GetAsync())).AsArray().Count.ShouldBe(3); // the admin stub is gone
        (await (await client.GetAsync($"{ApiClient.Collection}/FROMFOLDER")).ShouldBeOk()).ShouldContain("from the folder");
    }

    [Fact]
    public async Task WireMocks_mappings_reset_also_returns_state_to_the_seed()
    {
        var client = ApiClient.ForNewAccount(_mock.Host.BaseUrl);
        var id = await client.CreateAsync("""{"name":"forgotten"}""");
        await client.Http.PostAsync("/__admin/mappings", new StringContent(StubForList, Encoding.UTF8, "application/json"));
        (await client.Http.PostAsync("/__admin/mappings/reset", null)).IsSuccessStatusCode.ShouldBeTrue();
        await (await client.GetAsync($"{ApiClient.Collection}/{id}")).ShouldBeError(404, "APPLICATION_NOT_FOUND");
        await (await client.GetAsync()).ShouldBeOk();
        (await (await client.GetAsync($"{ApiClient.Collection}/FROMFOLDER")).ShouldBeOk()).ShouldContain("from the folder");
    }

    [Fact]
    public async Task Host_Reset_does_the_same()
    {
        var client = ApiClient.ForNewAccount(_mock.Host.BaseUrl);
        var id = await client.CreateAsync("""{"name":"forgotten"}""");
        await client.Http.PostAsync("/__admin/mappings", new StringContent(StubForList, Encoding.UTF8, "application/json"));
        _mock.Reset();
        await (await client.GetAsync($"{ApiClient.Collection}/{id}")).ShouldBeError(404, "APPLICATION_NOT_FOUND");
        await (await client.GetAsync()).ShouldBeOk();
        (await (await client.GetAsync($"{ApiClient.Collection}/FROMFOLDER")).ShouldBeOk()).ShouldContain("from the folder");
    }
}
