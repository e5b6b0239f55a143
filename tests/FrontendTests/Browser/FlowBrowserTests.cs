using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TwoFactorContracts.Testing;
using static Microsoft.Playwright.Assertions;

namespace FrontendTests.Browser;

/// <summary>
/// The 2FA journey in a real browser: a login page on its own origin (flow.html) creates an application with
/// pinAttempts 3 and a template, sends a PIN and verifies what the person typed, all through the TypeScript client;
/// the person reads the PIN on the mock's /outbox page in another tab.
/// </summary>
public sealed partial class FlowBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Phone = "41793026727";

    [Fact]
    public async Task Page_on_another_origin_sends_a_PIN_the_person_reads_on_outbox_and_verifies_it()
    {
        await using var mock = await TwoFactorMock.StartAsync(MockStoreEnvironment.Apply(new() { Port = 0 }));
        await using var pages = await TestPages.StartServerAsync();
        var (login, pinId) = await SendFromTheLoginPageAsync(mock, pages.Origin);

        var pin = await ReadPinOnOutboxAsync(login.Context, mock, pinId);
        await VerifyAsync(login, pin);

        await Expect(login.Locator("#result")).ToHaveTextAsync("verified");
        await Expect(login.Locator("#attempts")).ToHaveTextAsync("0");
        await Expect(login.Locator("#status")).ToHaveTextAsync("verified");
        // What the page shows is what the mock recorded.
        var applicationId = await login.Locator("#app-id").TextContentAsync();
        using var status = JsonDocument.Parse(await mock.HttpClient.GetStringAsync($"/2fa/2/applications/{applicationId}/verifications?msisdn={Phone}"));
        var verification = status.RootElement.GetProperty("verifications").EnumerateArray().ShouldHaveSingleItem();
        verification.GetProperty("verified").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Three_wrong_PINs_with_pinAttempts_3_leave_none_and_the_page_shows_NO_MORE_PIN_ATTEMPTS()
    {
        await using var mock = await TwoFactorMock.StartAsync(MockStoreEnvironment.Apply(new() { Port = 0 }));
        await using var pages = await TestPages.StartServerAsync();
        var (login, pinId) = await SendFromTheLoginPageAsync(mock, pages.Origin);
        var pin = await ReadPinOnOutboxAsync(login.Context, mock, pinId);
        var wrong = (pin[0] == '1' ? "2" : "1") + pin[1..];

        foreach (var remaining in new[] { "2", "1", "0" })
        {
            await VerifyAsync(login, wrong);
            await Expect(login.Locator("#attempts")).ToHaveTextAsync(remaining);
            await Expect(login.Locator("#result")).ToHaveTextAsync("WRONG_PIN");
        }
        // No attempts left: even the right PIN no longer verifies.
        await VerifyAsync(login, pin);

        await Expect(login.Locator("#result")).ToHaveTextAsync("NO_MORE_PIN_ATTEMPTS");
        await Expect(login.Locator("#attempts")).ToHaveTextAsync("0");
        await Expect(login.Locator("#status")).ToHaveTextAsync("not verified");
    }

    /// <summary>Opens the login page, sets up the application and template, sends a PIN to <see cref="Phone"/>; answers the page and the pinId it shows.</summary>
    private async Task<(IPage Login, string PinId)> SendFromTheLoginPageAsync(TwoFactorMock mock, string pagesUrl)
    {
        var login = await chromium.NewPageAsync();
        await login.GotoAsync($"{pagesUrl}/flow.html?mock={Uri.EscapeDataString(mock.BaseUrl)}&auth={Uri.EscapeDataString(mock.Authorization)}");
        await Expect(login.Locator("#status")).ToHaveTextAsync("ready");
        await login.Locator("#setup").ClickAsync();
        await Expect(login.Locator("#status")).ToHaveTextAsync("set up");
        await Expect(login.Locator("#template-id")).ToHaveTextAsync(Hex32());
        await login.Locator("#phone").FillAsync(Phone);
        await login.Locator("#send button[type=submit]").ClickAsync();
        await Expect(login.Locator("#status")).ToHaveTextAsync("sent");
        await Expect(login.Locator("#sms-status")).ToHaveTextAsync("MESSAGE_SENT");
        var pinId = (await login.Locator("#pin-id").TextContentAsync()).ShouldNotBeNull();
        pinId.ShouldMatch(Hex32().ToString());
        return (login, pinId);
    }

    /// <summary>What the person does: opens the mock's /outbox in another tab and reads the PIN of that pinId.</summary>
    private static async Task<string> ReadPinOnOutboxAsync(IBrowserContext context, TwoFactorMock mock, string pinId)
    {
        var outbox = await context.NewPageAsync();
        await outbox.GotoAsync(mock.BaseUrl + "/outbox?to=" + Phone);
        var shownPin = outbox.Locator($"article.message[data-pin-id='{pinId}'] .pin");
        await Expect(shownPin).ToHaveTextAsync(SixDigits());
        var pin = (await shownPin.TextContentAsync()).ShouldNotBeNull();
        await outbox.CloseAsync();
        return pin;
    }

    private static async Task VerifyAsync(IPage login, string pin)
    {
        await login.Locator("#pin").FillAsync(pin);
        await login.Locator("#verify button[type=submit]").ClickAsync();
    }

    [GeneratedRegex("^[0-9A-F]{32}$")]
    private static partial Regex Hex32();

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex SixDigits();
}
