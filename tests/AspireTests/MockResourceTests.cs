using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace TwoFactorContracts.AspireTests;

/// <summary>
/// The mock as an Aspire resource, started by DCP in the sample AppHost: healthy by its own health endpoint, the API
/// and the PIN flow through the URL Aspire hands out, the sample's options (fixed PIN, manual clock) in force, the
/// dashboard's URLs and commands, and the sample app reaching the mock through <c>WithReference</c>.
/// </summary>
public sealed class MockResourceTests(SampleAppHostFixture host) : IClassFixture<SampleAppHostFixture>
{
    [Fact]
    public async Task The_resource_is_healthy_by_the_mock_s_health_endpoint()
    {
        using var mock = host.MockClient();
        (await mock.GetStringAsync("/__admin/health")).ShouldBe("Healthy");
        host.Mock.Annotations.OfType<HealthCheckAnnotation>().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_create_and_a_PIN_send_are_answered_through_the_URL_Aspire_hands_out()
    {
        using var mock = host.MockClient();
        mock.BaseAddress!.Host.ShouldBe("localhost");
        var applicationId = await MockApi.CreateApplicationAsync(mock, "through aspire");
        using (var read = await mock.GetAsync($"/2fa/2/applications/{applicationId}"))
            read.StatusCode.ShouldBe(HttpStatusCode.OK);

        var pinId = await MockApi.SendPinAsync(mock, "41793026727");
        (await MockApi.PinInOutboxAsync(mock, pinId)).ShouldBe("1234");   // the sample's WithFixedPin("1234")
    }

    [Fact]
    public async Task The_outbox_and_docs_are_the_resource_s_urls_and_commands()
    {
        var snapshot = await host.App.ResourceNotifications.WaitForResourceHealthyAsync("tfa");
        using var browser = new HttpClient();
        foreach (var (command, path) in new[] { ("open-outbox", "/outbox"), ("open-docs", "/docs") })
        {
            var url = snapshot.Snapshot.Urls.Single(u => u.Url.EndsWith(path, StringComparison.Ordinal)).Url;
            var result = await host.ExecuteAsync(command);
            result.Success.ShouldBeTrue(result.Message);
            result.Data!.Value.ShouldContain(url);
            using var page = await browser.GetAsync(url);
            page.StatusCode.ShouldBe(HttpStatusCode.OK);
            page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        }
    }

    [Fact]
    public async Task Advance_clock_moves_the_manual_clock_by_5_minutes()
    {
        using var mock = host.MockClient();
        var before = await MockApi.ClockAsync(mock);
        before.GetProperty("mode").GetString().ShouldBe("manual");   // the sample's WithClock("manual")

        var result = await host.ExecuteAsync("advance-clock");

        result.Success.ShouldBeTrue(result.Message);
        var after = await MockApi.ClockAsync(mock);
        (after.GetProperty("epochMillis").GetInt64() - before.GetProperty("epochMillis").GetInt64()).ShouldBe(5 * 60_000);
    }

    [Fact]
    public async Task Reset_forgets_what_was_created()
    {
        using var mock = host.MockClient();
        var applicationId = await MockApi.CreateApplicationAsync(mock, "before the reset");

        var result = await host.ExecuteAsync("reset");

        result.Success.ShouldBeTrue(result.Message);
        using var read = await mock.GetAsync($"/2fa/2/applications/{applicationId}");
        read.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_sample_app_logs_a_user_in_through_the_mock_it_was_given_by_WithReference()
    {
        using var app = host.App.CreateHttpClient("sampleapp");
        using (var setup = await app.PostAsync("/setup", null))
            setup.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var sent = await app.PostAsJsonAsync("/login/send", new { phone = "41793026728" });
        sent.StatusCode.ShouldBe(HttpStatusCode.OK);
        var pinId = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pinId").GetString()!;

        using var mock = host.MockClient();
        var pin = await MockApi.PinInOutboxAsync(mock, pinId);   // the PIN went through the mock, not anywhere else
        using var verified = await app.PostAsJsonAsync("/login/verify", new { pinId, pin });

        verified.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await verified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("loggedIn").GetBoolean().ShouldBeTrue();
    }
}
