using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TwoFactorContracts.HardeningTests.Support;
using TwoFactorContracts.Testing;

namespace TwoFactorContracts.HardeningTests.Security;

/// <summary>The admin API (WireMock's mappings, request log, reset, and the API journal) can be switched off or protected.</summary>
public sealed class AdminApiTests
{
    private const string StubMapping = "{\"request\":{\"path\":\"/2fa/2/applications\",\"methods\":[\"GET\"]},\"response\":{\"status\":200,\"body\":\"HIJACKED\"}}";

    private static readonly string[] AdminReads = ["/__admin/mappings", "/__admin/requests", "/__admin/mock/journal", "/__admin/settings"];

    /// <summary>Ways to spell an admin path that a naive check might let through.</summary>
    private static readonly string[] AdminSpellings = ["/__admin/mappings", "/__ADMIN/mappings", "/__admin/mappings/", "/__admin//mappings", "/%5F%5Fadmin/mappings", "/__admin/./mappings", "/x/../__admin/mappings", "/__admin/MAPPINGS"];

    [Fact]
    public async Task Switched_off_it_answers_nothing_but_health_and_changes_nothing()
    {
        await using var mock = await QuietMock.StartAsync(o => o.AdminEnabled = false);
        using var client = Client(mock);
        var account = Accounts.New("admin-off");
        var created = await Api.SendAsync(client, "POST", Api.Collection, account, Bodies.Create(TwoFactorContracts.Contract.BodyFormat.Json), TwoFactorContracts.Contract.BodyFormat.Json);
        created.Status.ShouldBeInRange(200, 201);
        var before = (await Api.ListAsync(client, account)).Body;

        (await client.GetAsync("/__admin/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var path in AdminReads.Concat(AdminSpellings))
        {
            var answer = await client.GetAsync(path);
            ((int)answer.StatusCode).ShouldBeInRange(400, 499, $"GET {path} with the admin API off");
            (await answer.Content.ReadAsStringAsync()).ShouldNotContain("\"Guid\"", Case.Insensitive, $"GET {path} listed mappings");
        }
        var stub = await client.PostAsync("/__admin/mappings", new StringContent(StubMapping, Encoding.UTF8, "application/json"));
        ((int)stub.StatusCode).ShouldBeInRange(400, 499, "adding a mapping with the admin API off");
        var reset = await client.PostAsync("/__admin/reset", null);
        ((int)reset.StatusCode).ShouldBeInRange(400, 499, "reset with the admin API off");
        var journalDelete = await client.DeleteAsync("/__admin/mock/journal");
        ((int)journalDelete.StatusCode).ShouldBeInRange(400, 499, "clearing the journal with the admin API off");

        var after = await Api.ListAsync(client, account);
        after.Body.ShouldBe(before, "neither the stub nor the reset may take effect");
        after.Body.ShouldNotContain("HIJACKED");
    }

    [Fact]
    public async Task Protected_it_refuses_every_admin_request_without_the_right_credentials()
    {
        await using var mock = await StartProtectedAsync();
        using var client = Client(mock);
        var account = Accounts.New("admin-protected");
        (await Api.SendAsync(client, "POST", Api.Collection, account, Bodies.Create(TwoFactorContracts.Contract.BodyFormat.Json), TwoFactorContracts.Contract.BodyFormat.Json)).Status.ShouldBeInRange(200, 201);
        var before = (await Api.ListAsync(client, account)).Body;

        (await client.GetAsync("/__admin/health")).StatusCode.ShouldBe(HttpStatusCode.OK, "health stays open for readiness probes");
        var answers = await SendWithoutRightCredentialsAsync(client);
        answers.Where(a => a.Status is >= 200 and < 400).ShouldBeEmpty("admin requests without the right credentials must be refused");
        answers.Where(a => a.Body.Contains("\"Guid\"", StringComparison.OrdinalIgnoreCase)).ShouldBeEmpty("a refused request listed mappings");
        (await Api.ListAsync(client, account)).Body.ShouldBe(before, "no refused admin request may take effect");
        (await Api.ListAsync(client, account)).Body.ShouldNotContain("HIJACKED");

        // The right credentials open it: the protection is a lock, not a wall.
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", B64("admin:" + Password));
        (await client.GetAsync("/__admin/mappings")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/__admin/mock/journal")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Protected_it_refuses_wrong_credentials_with_401_not_a_5xx()
    {
        await using var mock = await StartProtectedAsync();
        using var client = Client(mock);
        var answers = await SendWithoutRightCredentialsAsync(client);
        answers.Where(a => a.Status != 401).ShouldBeEmpty("every refused admin request should be 401");
    }

    private const string Password = "admin-password-under-test";

    private static Task<TwoFactorMock> StartProtectedAsync() =>
        QuietMock.StartAsync(o => { o.AdminUser = "admin"; o.AdminPassword = Password; });

    private sealed record AdminAnswer(string Request, int Status, string Body)
    {
        public override string ToString() => $"{Request} -> {Status} {Body[..Math.Min(Body.Length, 120)]}";
    }

    /// <summary>Every admin read and write, with no, wrong or other-scheme credentials.</summary>
    private static async Task<List<AdminAnswer>> SendWithoutRightCredentialsAsync(HttpClient client)
    {
        var answers = new List<AdminAnswer>();
        var requests = AdminReads.Concat(AdminSpellings).Select(p => ("GET", p, (string?)null))
            .Concat([("POST", "/__admin/mappings", StubMapping), ("POST", "/__admin/reset", ""), ("DELETE", "/__admin/mappings", ""),
                     ("DELETE", "/__admin/mock/journal", ""), ("DELETE", "/__admin/requests", "")]);
        foreach (var authorization in new[] { null, "Basic " + B64("admin:wrong"), "Basic " + B64("root:" + Password), "Bearer " + Password, "App " + Password })
        {
            foreach (var (method, path, content) in requests)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (content is not null) request.Content = new StringContent(content, Encoding.UTF8, "application/json");
                if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
                using var answer = await client.SendAsync(request);
                answers.Add(new AdminAnswer($"{method} {path} with {authorization ?? "no credentials"}", (int)answer.StatusCode, await answer.Content.ReadAsStringAsync()));
            }
        }
        return answers;
    }

    private static HttpClient Client(TwoFactorMock mock) => new() { BaseAddress = mock.Host.BaseUrl, Timeout = TimeSpan.FromSeconds(15) };

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
