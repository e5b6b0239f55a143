using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FrontendTests.Support;
using Microsoft.Playwright;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.MockServer.Flow;
using TwoFactorContracts.Testing;
using static Microsoft.Playwright.Assertions;

namespace FrontendTests.Browser;

/// <summary>The mock's <c>/outbox</c> page in Chromium: what a person sees of the messages the mock would have sent, and its clock.</summary>
public sealed partial class OutboxPageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Outbox_page_shows_each_sent_PIN_live_newest_first_and_filters_by_recipient()
    {
        await using var mock = await TwoFactorMock.StartAsync(MockStoreEnvironment.Apply(new() { Port = 0 }));
        var requested = new List<string>();
        var page = await chromium.NewPageAsync(requested);
        await page.GotoAsync(mock.BaseUrl + "/outbox");
        await Expect(page.Locator("#empty")).ToBeVisibleAsync();
        var (applicationId, messageId) = await FlowOverHttp.CreateApplicationWithTemplateAsync(mock.HttpClient, "Your code is {{pin}}");

        // Sent while the page is open: it shows them without a reload.
        var first = await FlowOverHttp.SendAsync(mock.HttpClient, applicationId, messageId, "41793026727");
        var second = await FlowOverHttp.SendAsync(mock.HttpClient, applicationId, messageId, "41793026799", voice: true);

        var cards = page.Locator("article.message");
        await Expect(cards).ToHaveCountAsync(2);
        await Expect(cards.Nth(0)).ToHaveAttributeAsync("data-pin-id", second); // newest first
        await Expect(cards.Nth(1)).ToHaveAttributeAsync("data-pin-id", first);
        foreach (var (pinId, to, channel, card) in new[] { (first, "41793026727", "sms", cards.Nth(1)), (second, "41793026799", "voice", cards.Nth(0)) })
        {
            var sent = (await FlowOverHttp.OutboxAsync(mock.HttpClient, pinId)).ShouldHaveSingleItem();
            var pin = sent.GetProperty("pin").GetString().ShouldNotBeNull();
            pin.ShouldMatch("^[0-9]{6}$");
            await Expect(card.Locator(".pin")).ToHaveTextAsync(pin);
            await Expect(card.Locator(".text")).ToHaveTextAsync($"Your code is {pin}");
            await Expect(card.Locator(".to")).ToHaveTextAsync(to);
            await Expect(card.Locator(".channel")).ToHaveTextAsync(channel);
            await Expect(card.Locator(".pin-id")).ToHaveTextAsync(pinId);
            await Expect(card.Locator(".application-id")).ToHaveTextAsync(applicationId);
            await Expect(card.Locator(".sent-at")).ToHaveAttributeAsync("datetime", sent.GetProperty("sentAt").GetString()!);
        }

        await page.Locator("#filter-to").FillAsync("3026727");
        await Expect(cards).ToHaveCountAsync(1);
        await Expect(cards.First).ToHaveAttributeAsync("data-pin-id", first);
        page.Url.ShouldEndWith("/outbox?to=3026727", Case.Sensitive, "the filter is in the address, to bookmark or share");
        lock (requested)
        {
            requested.Where(url => !url.StartsWith(mock.BaseUrl + "/", StringComparison.Ordinal))
                .ShouldBeEmpty("the outbox page must work without outside network");
        }
    }

    [Fact]
    public async Task Outbox_page_shows_an_email_beside_the_SMS_with_its_address_and_PIN()
    {
        await using var mock = await TwoFactorMock.StartAsync(MockStoreEnvironment.Apply(new() { Port = 0 }));
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(mock.BaseUrl + "/outbox");
        var (applicationId, messageId) = await FlowOverHttp.CreateApplicationWithTemplateAsync(mock.HttpClient, "Your code is {{pin}}");
        var sms = await FlowOverHttp.SendAsync(mock.HttpClient, applicationId, messageId, "41793026727");
        var email = await FlowOverHttp.SendEmailAsync(mock.HttpClient, applicationId, "john.smith@example.com");

        var cards = page.Locator("article.message");
        await Expect(cards).ToHaveCountAsync(2);
        await Expect(cards.Nth(1)).ToHaveAttributeAsync("data-pin-id", sms);
        var card = cards.Nth(0);
        await Expect(card).ToHaveAttributeAsync("data-pin-id", email);
        var pin = (await FlowOverHttp.OutboxAsync(mock.HttpClient, email)).ShouldHaveSingleItem().GetProperty("pin").GetString().ShouldNotBeNull();
        await Expect(card.Locator(".channel")).ToHaveTextAsync("email");
        await Expect(card.Locator(".to")).ToHaveTextAsync("john.smith@example.com");
        await Expect(card.Locator(".pin")).ToHaveTextAsync(pin);
        await Expect(card.Locator(".text")).ToHaveTextAsync($"Email template 1234 with PIN {pin}");
    }

    [Fact]
    public async Task Outbox_page_behind_admin_credentials_asks_for_them_and_shows_the_PIN_with_them()
    {
        var options = MockStoreEnvironment.Apply(new() { Port = 0 });
        options.AdminUser = "ops";
        options.AdminPassword = "s3cret";
        await using var mock = await TwoFactorMock.StartAsync(options);
        var (applicationId, messageId) = await FlowOverHttp.CreateApplicationWithTemplateAsync(mock.HttpClient);
        var pinId = await FlowOverHttp.SendAsync(mock.HttpClient, applicationId, messageId, "41793026727");

        // Without them the browser is challenged (headless, nobody answers its prompt): no page.
        var stranger = await chromium.NewPageAsync();
        var refused = await Should.ThrowAsync<PlaywrightException>(() => stranger.GotoAsync(mock.BaseUrl + "/outbox"));
        refused.Message.ShouldContain("ERR_INVALID_AUTH_CREDENTIALS");

        // What the browser's prompt gives: the same credentials for the page and its calls to the admin API.
        var admin = await chromium.NewPageAsync(options: new BrowserNewContextOptions
        {
            HttpCredentials = new HttpCredentials { Username = "ops", Password = "s3cret" },
        });
        await admin.GotoAsync(mock.BaseUrl + "/outbox");
        var card = admin.Locator("article.message");
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card.Locator(".pin-id")).ToHaveTextAsync(pinId);
        await Expect(card.Locator(".pin")).ToHaveTextAsync(SixDigits());
    }

    [Fact]
    public async Task Outbox_page_shows_the_mock_clock_and_moves_it_forward()
    {
        var options = MockStoreEnvironment.Apply(new() { Port = 0 });
        options.ClockMode = ClockMode.Manual;
        await using var mock = await TwoFactorMock.StartAsync(options);
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(mock.BaseUrl + "/outbox");
        await Expect(page.Locator("#clock-mode")).ToHaveTextAsync("(manual)");
        var frozen = await page.Locator("#clock-now").GetAttributeAsync("datetime");

        await page.Locator("#advance").FillAsync("16m");
        await page.Locator("#clock-form button[type=submit]").ClickAsync();

        await Expect(page.Locator("#clock-mode")).ToHaveTextAsync("(manual, +16m)");
        using var clock = JsonDocument.Parse(await mock.HttpClient.GetStringAsync("/__admin/mock/clock"));
        clock.RootElement.GetProperty("offset").GetString().ShouldBe("16m", "the page moved the mock's clock");
        var now = clock.RootElement.GetProperty("now").GetString().ShouldNotBeNull();
        (DateTimeOffset.Parse(now, CultureInfo.InvariantCulture) - DateTimeOffset.Parse(frozen.ShouldNotBeNull(), CultureInfo.InvariantCulture))
            .ShouldBe(TimeSpan.FromMinutes(16));
        await Expect(page.Locator("#clock-now")).ToHaveAttributeAsync("datetime", now);

        // Bad input: the mock's own message, and the clock stays.
        await page.Locator("#advance").FillAsync("16 minutes");
        await page.Locator("#clock-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#clock-problem")).ToContainTextAsync("400");
        await Expect(page.Locator("#clock-problem")).ToContainTextAsync("advance must be a time");
        await Expect(page.Locator("#clock-mode")).ToHaveTextAsync("(manual, +16m)");
    }

    [Fact]
    public async Task Outbox_page_asks_only_for_new_messages_and_drops_them_when_the_outbox_is_cleared()
    {
        await using var mock = await TwoFactorMock.StartAsync(MockStoreEnvironment.Apply(new() { Port = 0 }));
        var (applicationId, messageId) = await FlowOverHttp.CreateApplicationWithTemplateAsync(mock.HttpClient);
        var first = await FlowOverHttp.SendAsync(mock.HttpClient, applicationId, messageId, "41793026727");
        var requested = new List<string>();
        var page = await chromium.NewPageAsync(requested);
        await page.GotoAsync(mock.BaseUrl + "/outbox");
        var cards = page.Locator("article.message");
        await Expect(cards).ToHaveCountAsync(1);

        var second = await FlowOverHttp.SendAsync(mock.HttpClient, applicationId, messageId, "41793026799");
        await Expect(cards).ToHaveCountAsync(2);
        await Expect(cards.Nth(0)).ToHaveAttributeAsync("data-pin-id", second);
        await Expect(cards.Nth(1)).ToHaveAttributeAsync("data-pin-id", first);
        string[] polls;
        lock (requested) polls = [.. requested.Where(url => url.Contains("/__admin/mock/outbox", StringComparison.Ordinal))];
        polls[0].ShouldBe(mock.BaseUrl + "/__admin/mock/outbox", "the first poll reads the whole outbox");
        polls.Skip(1).ShouldNotBeEmpty();
        polls.Skip(1).ShouldAllBe(url => url.StartsWith(mock.BaseUrl + "/__admin/mock/outbox?after=", StringComparison.Ordinal),
            "later polls ask only for what is new");

        // Cleared elsewhere (another tab, a test's DELETE): the page drops what the mock no longer has.
        (await mock.HttpClient.DeleteAsync("/__admin/mock/outbox")).EnsureSuccessStatusCode();
        await Expect(cards).ToHaveCountAsync(0);
        await Expect(page.Locator("#empty")).ToBeVisibleAsync();
        var third = await FlowOverHttp.SendAsync(mock.HttpClient, applicationId, messageId, "41793026727");
        await Expect(cards).ToHaveCountAsync(1);
        await Expect(cards.First).ToHaveAttributeAsync("data-pin-id", third);
    }

    [Fact]
    public async Task Outbox_page_sets_a_recipients_outcome_with_one_click_and_marks_a_message_not_sent()
    {
        await using var mock = await TwoFactorMock.StartAsync(MockStoreEnvironment.Apply(new() { Port = 0 }));
        var (applicationId, messageId) = await FlowOverHttp.CreateApplicationWithTemplateAsync(mock.HttpClient);
        var first = await FlowOverHttp.SendAsync(mock.HttpClient, applicationId, messageId, "41793026727");
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(mock.BaseUrl + "/outbox");
        var cards = page.Locator("article.message");
        await Expect(cards).ToHaveCountAsync(1);
        await Expect(cards.First.Locator(".outcome-now")).ToHaveTextAsync("delivered");

        // One click: the next send to this recipient is not sent, as the mock's admin API now says.
        await cards.First.Locator("button.outcome[data-nc-status=NC_DESTINATION_NOT_REACHABLE]").ClickAsync();
        await Expect(cards.First.Locator(".outcome-now")).ToHaveTextAsync("NC_DESTINATION_NOT_REACHABLE / MESSAGE_NOT_SENT");
        using (var set = JsonDocument.Parse(await mock.HttpClient.GetStringAsync("/__admin/mock/recipients/41793026727")))
            set.RootElement.GetProperty("smsStatus").GetString().ShouldBe("MESSAGE_NOT_SENT", "the page set the outcome through the admin API");
        using var refused = await mock.HttpClient.PostAsJsonAsync("/2fa/2/pin", new { applicationId, messageId, to = "41793026727" });
        using (var answer = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
            answer.RootElement.GetProperty("smsStatus").GetString().ShouldBe("MESSAGE_NOT_SENT");
        await Expect(cards).ToHaveCountAsync(2);
        await Expect(cards.Nth(0)).ToHaveClassAsync(new Regex(@"\bnot-sent\b"));
        await Expect(cards.Nth(0).Locator(".delivery")).ToHaveTextAsync("MESSAGE_NOT_SENT · NC_DESTINATION_NOT_REACHABLE");
        await Expect(cards.Nth(1)).Not.ToHaveClassAsync(new Regex(@"\bnot-sent\b"));
        await Expect(cards.Nth(1)).ToHaveAttributeAsync("data-pin-id", first);

        // And one click back: delivered again.
        await cards.Nth(0).Locator("button.outcome-clear").ClickAsync();
        await Expect(cards.Nth(0).Locator(".outcome-now")).ToHaveTextAsync("delivered");
        (await mock.HttpClient.GetAsync("/__admin/mock/recipients/41793026727")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
    }

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex SixDigits();
}
