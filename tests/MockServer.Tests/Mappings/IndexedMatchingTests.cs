using System.Text;
using MockServer.Tests.Support;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.Testing;

namespace MockServer.Tests.Mappings;

/// <summary>
/// WireMock.Net's matching with the mock's indexed mapping matcher (only mappings whose path can match are
/// weighed): stubs added, replaced and deleted through the admin API take effect on the next request, WireMock.Net's
/// choice among matching stubs is kept, and scenarios still move (those go to WireMock.Net's own matcher).
/// </summary>
public sealed class IndexedMatchingTests : IAsyncLifetime
{
    private TwoFactorMock _mock = null!;
    private HttpClient _admin = null!;
    private ApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _mock = await QuietMock.StartAsync(o => o.Mode = MockMode.Examples);
        _admin = ApiClient.NewHttp(_mock.Host.BaseUrl);
        _client = ApiClient.ForNewAccount(_mock.Host.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _mock.DisposeAsync();
    }

    private async Task AddAsync(Guid id, string path, string body, int priority = 1, string extra = "")
    {
        var matcher = path.Contains('*') ? "WildcardMatcher" : "ExactMatcher";
        var mapping = $"{{\"Guid\":\"{id}\",\"Priority\":{priority},{extra}"
            + $"\"Request\":{{\"Methods\":[\"GET\"],\"Path\":{{\"Matchers\":[{{\"Name\":\"{matcher}\",\"Pattern\":\"{path}\"}}]}}}},"
            + $"\"Response\":{{\"StatusCode\":200,\"Body\":\"{body}\"}}}}";
        var response = await _admin.PutAsync($"/__admin/mappings/{id}", new StringContent(mapping, Encoding.UTF8, "application/json"));
        if (!response.IsSuccessStatusCode) response = await _admin.PostAsync("/__admin/mappings", new StringContent(mapping, Encoding.UTF8, "application/json"));
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    private async Task<string> GetAsync(string path) => await (await _client.GetAsync(path)).Content.ReadAsStringAsync();

    [Fact]
    public void WireMocks_matcher_is_the_indexed_one() => _mock.Host.MappingMatcherIndexed.ShouldBeTrue();

    [Fact]
    public async Task Stubs_added_and_deleted_through_the_admin_API_take_effect_on_the_next_request()
    {
        var documented = await GetAsync(ApiClient.Collection);
        var onCollection = Guid.NewGuid();
        var wildcard = Guid.NewGuid();
        await AddAsync(onCollection, ApiClient.Collection, "listed by a user stub");
        await AddAsync(wildcard, "/2fa/2/applications/added-*", "a wildcard stub");

        (await GetAsync(ApiClient.Collection)).ShouldBe("listed by a user stub"); // same path as the case stubs, lower priority number
        (await GetAsync("/2fa/2/applications/added-1")).ShouldBe("a wildcard stub");

        (await _admin.DeleteAsync($"/__admin/mappings/{onCollection}")).IsSuccessStatusCode.ShouldBeTrue();
        (await GetAsync(ApiClient.Collection)).ShouldBe(documented);
        (await _admin.DeleteAsync($"/__admin/mappings/{wildcard}")).IsSuccessStatusCode.ShouldBeTrue();
        (await GetAsync("/2fa/2/applications/added-1")).ShouldNotBe("a wildcard stub");
    }

    [Fact]
    public async Task Of_two_stubs_that_match_alike_the_lower_priority_number_then_the_newest_wins()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        await AddAsync(first, "/2fa/2/applications/same", "first", priority: 2);
        await AddAsync(second, "/2fa/2/applications/same", "second", priority: 3);
        (await GetAsync("/2fa/2/applications/same")).ShouldBe("first");

        await AddAsync(second, "/2fa/2/applications/same", "second", priority: 2);
        (await GetAsync("/2fa/2/applications/same")).ShouldBe("second"); // equal priority: the newest
        await AddAsync(first, "/2fa/2/applications/same", "first again", priority: 2);
        (await GetAsync("/2fa/2/applications/same")).ShouldBe("first again");
    }

    [Fact]
    public async Task A_scenario_still_moves_through_its_states()
    {
        await AddAsync(Guid.NewGuid(), "/2fa/2/applications/scenario", "one", extra: """ "Scenario":"s","SetStateTo":"two",""");
        await AddAsync(Guid.NewGuid(), "/2fa/2/applications/scenario", "two", extra: """ "Scenario":"s","WhenStateIs":"two",""");
        (await GetAsync("/2fa/2/applications/scenario")).ShouldBe("one");
        (await GetAsync("/2fa/2/applications/scenario")).ShouldBe("two");
    }
}
