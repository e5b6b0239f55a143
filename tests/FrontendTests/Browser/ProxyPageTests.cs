using System.Text;
using Microsoft.Playwright;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Profiles;
using TwoFactorContracts.ConformanceTests.Proxy;
using static Microsoft.Playwright.Assertions;

namespace FrontendTests.Browser;

/// <summary>
/// <c>tfc proxy</c>'s live page at <c>/__proxy</c> in Chromium, as a frontend developer has it open beside their app:
/// a request that breaks the contract shows up, with its violation, without a reload; the newest exchange comes first.
/// </summary>
public sealed class ProxyPageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private const string Secret = "App page-secret-key-4711";
    private readonly string _reportDir = Directory.CreateTempSubdirectory("tfc-proxy-page-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_reportDir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Proxy_page_shows_the_violation_a_request_just_caused_live_newest_first()
    {
        await using var mock = await QuietMock.StartAsync();
        var contract = ContractDocument.Load();
        var options = ProxyOptions.Parse(["--target", mock.BaseUrl, "--port", "0", "--report-dir", _reportDir]);
        await using var proxy = await ProxyServer.StartAsync(options, TargetProfile.Load(TargetProfile.Seed).BindTo(contract), contract);
        using var client = new HttpClient { BaseAddress = proxy.Url };
        var requested = new List<string>();
        var page = await chromium.NewPageAsync(requested);
        await page.GotoAsync(new Uri(proxy.Url, "__proxy").ToString());
        var counts = page.Locator("#counts");
        await Expect(counts).ToContainTextAsync("0 exchanges");
        var rows = page.Locator("#rows tr");
        await Expect(rows).ToHaveCountAsync(0);

        // While the page is open: a create whose body breaks the contract (enabled must be a boolean).
        using (var broken = new HttpRequestMessage(HttpMethod.Post, "2fa/2/applications")
               {
                   Content = new StringContent("{\"name\":\"from the browser test\",\"enabled\":\"yes\"}", Encoding.UTF8, "application/json"),
               })
        {
            broken.Headers.TryAddWithoutValidation("Authorization", Secret);
            (await client.SendAsync(broken)).StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        }

        await Expect(rows).ToHaveCountAsync(1);
        await Expect(counts).ToContainTextAsync("1 exchanges, 1 with violations");
        var violating = rows.Nth(0);
        await Expect(violating).ToContainTextAsync("POST /2fa/2/applications");
        await Expect(violating).ToContainTextAsync("createApplication");
        await Expect(violating.Locator("td").Nth(2)).ToHaveTextAsync("400");
        await Expect(violating.Locator("td").Nth(3)).ToHaveTextAsync("violations");
        await Expect(violating.Locator("td").Nth(3)).ToHaveClassAsync("violations");
        var violation = violating.Locator("div.violations");
        await Expect(violation).ToHaveCountAsync(1);
        await Expect(violation).ToContainTextAsync("request-body");
        await Expect(violation).ToContainTextAsync("enabled");

        // Then one that conforms: it comes first, the violation stays below it.
        using (var list = new HttpRequestMessage(HttpMethod.Get, "2fa/2/applications"))
        {
            list.Headers.TryAddWithoutValidation("Authorization", Secret);
            (await client.SendAsync(list)).EnsureSuccessStatusCode();
        }
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(counts).ToContainTextAsync("2 exchanges, 1 with violations");
        await Expect(rows.Nth(0).Locator("td").Nth(3)).ToHaveTextAsync("conforms");
        await Expect(rows.Nth(0)).ToContainTextAsync("GET /2fa/2/applications");
        await Expect(rows.Nth(1).Locator("div.violations")).ToContainTextAsync("request-body");

        (await page.ContentAsync()).ShouldNotContain("page-secret-key-4711");
        lock (requested)
        {
            requested.ShouldAllBe(url => url.StartsWith(proxy.Url.ToString() + "__proxy", StringComparison.Ordinal),
                "the page calls only its own origin's /__proxy, nothing outside");
            requested.ShouldContain(url => url.EndsWith("/__proxy/exchanges", StringComparison.Ordinal));
        }
        proxy.Recorder.Exchanges.ShouldBe(2, "the page's own polling is not an exchange");
    }
}
