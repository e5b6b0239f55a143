using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.Testing;

namespace FrontendTests.Outbox;

/// <summary>/outbox over HTTP against the mock in-process: who may open it (its assets: DocsServingTests, with every frontend page's).</summary>
public class OutboxServingTests
{
    [Fact]
    public async Task With_admin_credentials_the_page_challenges_in_the_admin_realm_and_opens_with_them()
    {
        await using var mock = await TwoFactorMock.StartAsync(new MockServerOptions { Port = 0, AdminUser = "ops", AdminPassword = "s3cret" });
        using var http = mock.CreateHttpClient(authorization: null);

        using var anonymous = await http.GetAsync("/outbox");
        using var wrong = await SendAsync(http, "/outbox", Basic("ops", "guess"));
        using var admin = await SendAsync(http, "/outbox", Basic("ops", "s3cret"));
        using var adminApi = await http.GetAsync("/__admin/mock/journal");

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // The same challenge as the admin API's: a browser's one prompt then covers the page's own admin calls.
        anonymous.Headers.WwwAuthenticate.ToString().ShouldBe(adminApi.Headers.WwwAuthenticate.ToString());
        adminApi.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.Content.ReadAsStringAsync()).ShouldContain("--admin-user");
        admin.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.Content.ReadAsStringAsync()).ShouldContain("/outbox/outbox.js");
    }

    [Fact]
    public async Task Without_the_admin_API_there_is_no_outbox_page()
    {
        await using var mock = await TwoFactorMock.StartAsync(new MockServerOptions { Port = 0, AdminEnabled = false });
        using var http = mock.CreateHttpClient(authorization: null);

        using var page = await http.GetAsync("/outbox");

        page.StatusCode.ShouldBe(HttpStatusCode.NotFound); // the API's answer to a path it does not have
        (await page.Content.ReadAsStringAsync()).ShouldNotContain("/outbox/outbox.js");
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string path, AuthenticationHeaderValue authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = authorization } };
        return await http.SendAsync(request);
    }
}
