using System.Net.Http.Headers;
using MockServer.Tests.Support;

namespace MockServer.Tests.Hosting;

public class AdminTests
{
    [Fact]
    public async Task Health_answers_200_and_the_host_binds_loopback()
    {
        await using var mock = await QuietMock.StartAsync();
        mock.Host.BaseUrl.Host.ShouldBe("127.0.0.1");
        var response = await ApiClient.NewHttp(mock.Host.BaseUrl).GetAsync("/__admin/health");
        ((int)response.StatusCode).ShouldBe(200);
    }

    [Fact]
    public async Task The_journal_keeps_requests_with_masked_credentials_and_stays_bounded()
    {
        await using var mock = await QuietMock.StartAsync(o => o.JournalSize = 5);
        var client = ApiClient.ForNewAccount(mock.Host.BaseUrl).As("App my-secret-key");
        for (var i = 0; i < 8; i++) await client.GetAsync($"{ApiClient.Collection}/n{i}");

        var journal = Bodies.Json(await client.Http.GetStringAsync("/__admin/mock/journal"));
        journal["capacity"]!.GetValue<int>().ShouldBe(5);
        journal["recorded"]!.GetValue<long>().ShouldBe(8);
        var entries = journal["entries"]!.AsArray();
        entries.Count.ShouldBe(5);
        entries[0]!["path"]!.GetValue<string>().ShouldBe($"{ApiClient.Collection}/n3"); // oldest kept
        entries[4]!["status"]!.GetValue<int>().ShouldBe(404);
        entries[4]!["credential"]!.GetValue<string>().ShouldStartWith("App #");
        journal.ToJsonString().ShouldNotContain("my-secret-key");

        (await client.Http.DeleteAsync("/__admin/mock/journal")).IsSuccessStatusCode.ShouldBeTrue();
        Bodies.Json(await client.Http.GetStringAsync("/__admin/mock/journal"))["entries"]!.AsArray().Count.ShouldBe(0);
    }

    [Fact]
    public async Task Every_WireMock_admin_read_answers_without_a_5xx_and_the_swagger_one_names_the_contract()
    {
        await using var mock = await QuietMock.StartAsync();
        var http = ApiClient.NewHttp(mock.Host.BaseUrl);
        foreach (var path in new[] { "mappings", "mappings/code", "mappings/swagger", "requests", "requests/unmatched", "settings", "scenarios", "health" })
        {
            var response = await http.GetAsync("/__admin/" + path);
            ((int)response.StatusCode).ShouldBeLessThan(500, path);
        }
        var swagger = await http.GetAsync("/__admin/mappings/swagger");
        ((int)swagger.StatusCode).ShouldBe(404);
        Bodies.Json(await swagger.Content.ReadAsStringAsync())["Status"]!.GetValue<string>()
            .ShouldBe("/__admin/mappings/swagger is not available in this mock; the API's OpenAPI contract is at /openapi/2fa-applications.yaml.");
        (await http.GetAsync("/openapi/2fa-applications.yaml")).IsSuccessStatusCode.ShouldBeTrue();
    }

    [Fact]
    public async Task The_admin_API_can_be_switched_off()
    {
        await using var mock = await QuietMock.StartAsync(o => o.AdminEnabled = false);
        var http = ApiClient.NewHttp(mock.Host.BaseUrl);
        ((int)(await http.GetAsync("/__admin/health")).StatusCode).ShouldBe(200);
        ((int)(await http.GetAsync("/__admin/mappings")).StatusCode).ShouldBe(404);
        ((int)(await http.GetAsync("/__admin/mock/journal")).StatusCode).ShouldBe(404);
        await (await ApiClient.ForNewAccount(mock.Host.BaseUrl).GetAsync()).ShouldBeOk();
    }

    [Fact]
    public async Task The_admin_API_can_be_protected()
    {
        await using var mock = await QuietMock.StartAsync(o => { o.AdminUser = "admin"; o.AdminPassword = "pw"; });
        var http = ApiClient.NewHttp(mock.Host.BaseUrl);
        ((int)(await http.GetAsync("/__admin/mappings")).StatusCode).ShouldBe(401);
        ((int)(await http.GetAsync("/__admin/mock/journal")).StatusCode).ShouldBe(401);
        ((int)(await http.GetAsync("/__admin/health")).StatusCode).ShouldBe(200);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/__admin/mock/journal");
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(ApiClient.BasicFor("admin", "pw"));
        ((int)(await http.SendAsync(request)).StatusCode).ShouldBe(200);
    }

    [Theory]
    [InlineData("GET", "/__admin/mappings", "Basic YWRtaW46d3Jvbmc=")]   // admin:wrong
    [InlineData("GET", "/__admin/requests", "Bearer pw")]
    [InlineData("POST", "/__admin/mappings", null)]
    [InlineData("GET", "/__ADMIN/settings", "Basic cm9vdDpwdw==")]       // root:pw
    [InlineData("POST", "/__admin/reset", "Basic YWRtaW46d3Jvbmc=")]
    public async Task Wrong_admin_credentials_get_401_in_the_envelope_before_WireMock(string method, string path, string? authorization)
    {
        await using var mock = await QuietMock.StartAsync(o => { o.AdminUser = "admin"; o.AdminPassword = "pw"; });
        var http = ApiClient.NewHttp(mock.Host.BaseUrl);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (method == "POST") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        await response.ShouldBeError(401, "UNAUTHORIZED", "Admin credentials missing or wrong");
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Basic");
    }
}
