using FrontendTests.Support;
using Microsoft.Playwright;
using TwoFactorContracts.Contract;
using TwoFactorContracts.Testing;
using static Microsoft.Playwright.Assertions;

namespace FrontendTests.Browser;

/// <summary>A real browser: a page on its own origin calls the mock through the TypeScript client; the docs page renders every operation.</summary>
public sealed class BrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Page_on_another_origin_creates_an_application_through_the_TypeScript_client_and_shows_it()
    {
        await using var mock = await TwoFactorMock.StartAsync(MockStoreEnvironment.Apply(new() { Port = 0 }));
        await using var pages = await TestPages.StartServerAsync();
        var page = await chromium.NewPageAsync();
        var name = "Browser app " + Guid.NewGuid().ToString("N")[..8];

        await page.GotoAsync($"{pages.Origin}/index.html?mock={Uri.EscapeDataString(mock.BaseUrl)}&auth={Uri.EscapeDataString(mock.Authorization)}");
        await Expect(page.Locator("#status")).ToHaveTextAsync("ready");
        await page.Locator("#name").FillAsync(name);
        await page.Locator("#ttl").FillAsync("120m");
        var create = await page.RunAndWaitForRequestAsync(
            () => page.Locator("button[type=submit]").ClickAsync(),
            request => request.Method == "POST" && request.Url.StartsWith(mock.BaseUrl, StringComparison.Ordinal));

        await Expect(page.Locator("#status")).ToHaveTextAsync("created");
        await Expect(page.Locator("#app-name")).ToHaveTextAsync(name);
        await Expect(page.Locator("#app-enabled")).ToHaveTextAsync("true");
        await Expect(page.Locator("#app-ttl")).ToHaveTextAsync("2h");
        var shownId = await page.Locator("#app-id").TextContentAsync();
        shownId.ShouldNotBeNull().ShouldMatch("^[0-9A-F]{32}$");

        pages.Origin.ShouldNotBe(mock.BaseUrl);
        (await create.AllHeadersAsync())["origin"].ShouldBe(pages.Origin, "the page called the mock cross-origin");
        var createResponse = (await create.ResponseAsync()).ShouldNotBeNull();
        (await createResponse.AllHeadersAsync())["access-control-allow-origin"].ShouldBe(pages.Origin);
        var stored = await mock.Client.GetApplicationAsync(shownId);
        stored.Name.ShouldBe(name, "what the page shows is what the mock stored");
    }

    [Fact]
    public async Task Page_reads_the_APIs_error_envelope_across_origins()
    {
        await using var mock = await TwoFactorMock.StartAsync(MockStoreEnvironment.Apply(new() { Port = 0 }));
        await using var pages = await TestPages.StartServerAsync();
        var page = await chromium.NewPageAsync();

        await page.GotoAsync($"{pages.Origin}/index.html?mock={Uri.EscapeDataString(mock.BaseUrl)}&auth={Uri.EscapeDataString(mock.Authorization)}");
        await Expect(page.Locator("#status")).ToHaveTextAsync("ready");
        await page.Locator("#name").FillAsync("Bad time");
        await page.Locator("#ttl").FillAsync("15minutes");
        await page.Locator("button[type=submit]").ClickAsync();

        await Expect(page.Locator("#status")).ToHaveTextAsync("failed");
        await Expect(page.Locator("#error")).ToContainTextAsync("400 BAD_REQUEST");
        await Expect(page.Locator("#error")).ToContainTextAsync("pinTimeToLive");
        (await mock.Client.ListApplicationsAsync()).ShouldNotContain(a => a.Name == "Bad time");
    }

    [Fact]
    public async Task Docs_page_lists_every_operation_of_the_contract_and_loads_nothing_from_outside_the_mock()
    {
        var contract = ContractDocument.Load();
        await using var mock = await TwoFactorMock.StartAsync(MockStoreEnvironment.Apply(new() { Port = 0 }));
        var requested = new List<string>();
        var page = await chromium.NewPageAsync(requested);

        await page.GotoAsync(mock.BaseUrl + "/docs");

        // The applications, the message templates and the PIN flow: whatever the contract documents.
        var operations = page.Locator(".opblock-summary-operation-id");
        await Expect(operations).ToHaveCountAsync(contract.AllOperations.Count);
        (await operations.AllTextContentsAsync()).Select(t => t.Trim()).Order(StringComparer.Ordinal)
            .ShouldBe(contract.AllOperations.Select(o => o.OperationId).Order(StringComparer.Ordinal));
        // Grouped by the contract's tags: applications, message templates, PIN flow.
        (await page.Locator(".opblock-tag").EvaluateAllAsync<string[]>("tags => tags.map(t => t.dataset.tag)"))
            .ShouldBe(contract.AllOperations.Select(o => o.Tag).Distinct(), ignoreOrder: true);
        await Expect(page.Locator(".opblock-summary-path").First).ToContainTextAsync("/2fa/2/applications");
        lock (requested)
        {
            requested.ShouldNotBeEmpty();
            requested.Where(url => !url.StartsWith(mock.BaseUrl + "/", StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal))
                .ShouldBeEmpty("the docs page must work without outside network");
        }
    }
}
