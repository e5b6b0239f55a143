using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using MockServer.Tests.Support;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.MockServer.Flow;
using TwoFactorContracts.Testing;

namespace MockServer.Tests.Flow;

/// <summary>The PIN flow's admin URLs through a real in-process mock on a loopback port.</summary>
public sealed class FlowAdminTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);

    private static async Task<(TwoFactorMock Mock, HttpClient Http)> StartAsync(Action<MockServerOptions>? configure = null)
    {
        var mock = await QuietMock.StartAsync(o => { o.Clock = new FakeTimeProvider(Start); configure?.Invoke(o); });
        return (mock, ApiClient.NewHttp(mock.Host.BaseUrl));
    }

    private static readonly FlowConfiguration Configuration = new("0123456789ABCDEF0123456789ABCDEF", true, 3, true, 15 * 60_000,
        RateLimit.None, RateLimit.None, RateLimit.None);

    private static readonly PinTemplate Template = new("FEDCBA9876543210FEDCBA9876543210", "Your PIN is {{pin}}", PinType.Numeric, 4);

    private static PinSent Send(MockServerHost host, string to, string? from = null, PinChannel channel = PinChannel.Sms) =>
        host.Flow.Send("account", Configuration, Template, new PinMessageRequest(to, from, null, channel)).Value!;

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task The_outbox_answers_what_came_after_a_sequence_for_polling()
    {
        var (mock, http) = await StartAsync();
        await using var _ = mock;
        async Task<System.Text.Json.Nodes.JsonNode> Outbox(string query) =>
            Bodies.Json(await (await http.GetAsync("/__admin/mock/outbox" + query)).ShouldBeOk());
        static string[] Sent(System.Text.Json.Nodes.JsonNode read) => [.. read["messages"]!.AsArray().Select(m => m!["pinId"]!.GetValue<string>())];

        var empty = await Outbox("");
        (empty["latest"]!.GetValue<long>(), empty["oldest"]!.GetValue<long>(), empty["total"]!.GetValue<int>()).ShouldBe((0L, 1L, 0));
        var sent = Enumerable.Range(0, 4).Select(i => Send(mock.Host, i % 2 == 0 ? "1001" : "1002").PinId).ToArray();

        var all = await Outbox("");
        Sent(all).ShouldBe(sent);
        all["messages"]!.AsArray().Select(m => m!["sequence"]!.GetValue<long>()).ShouldBe([1L, 2L, 3L, 4L]);
        (all["latest"]!.GetValue<long>(), all["oldest"]!.GetValue<long>(), all["total"]!.GetValue<int>()).ShouldBe((4L, 1L, 4));

        var after2 = await Outbox("?after=2");
        Sent(after2).ShouldBe(sent[2..]);
        after2["total"]!.GetValue<int>().ShouldBe(4, "total counts every kept message the filters match");
        Sent(await Outbox("?after=4")).ShouldBeEmpty();
        Sent(await Outbox("?limit=1")).ShouldBe([sent[3]], "limit keeps the newest");
        Sent(await Outbox("?to=1001&after=1")).ShouldBe([sent[2]]);
        (await Outbox("?to=1002"))["total"]!.GetValue<int>().ShouldBe(2);

        // A clear keeps the sequence going: a poller drops what is below oldest and asks after latest.
        await (await http.DeleteAsync("/__admin/mock/outbox")).ShouldBeOk();
        var cleared = await Outbox("?after=4");
        (cleared["latest"]!.GetValue<long>(), cleared["oldest"]!.GetValue<long>(), Sent(cleared).Length).ShouldBe((4L, 5L, 0));
        var next = Send(mock.Host, "1001").PinId;
        var afterClear = await Outbox("?after=4");
        Sent(afterClear).ShouldBe([next]);
        afterClear["messages"]![0]!["sequence"]!.GetValue<long>().ShouldBe(5);

        foreach (var (query, text) in new[]
        {
            ("?after=-1", "after must be a whole number"), ("?after=x", "after must be a whole number"), ("?after=1.5", "after must be a whole number"),
            ("?limit=0", "limit must be a whole number from 1 to 10000"), ("?limit=10001", "limit must be a whole number from 1 to 10000"),
            ("?limit=99999999999999999999", "limit must be a whole number"),
        })
        {
            var refused = await http.GetAsync("/__admin/mock/outbox" + query);
            ((int)refused.StatusCode).ShouldBe(400, query);
            (await refused.Content.ReadAsStringAsync()).ShouldContain(text, Case.Sensitive, query);
        }
    }

    [Fact]
    public async Task The_outbox_lists_every_message_oldest_first_filters_and_clears()
    {
        var (mock, http) = await StartAsync();
        await using var _ = mock;
        var first = Send(mock.Host, "1001", from: "Info");
        mock.Host.Flow.Clock.Advance(1500);
        var second = Send(mock.Host, "1002", channel: PinChannel.Voice);

        var outbox = Bodies.Json(await (await http.GetAsync("/__admin/mock/outbox")).ShouldBeOk())["messages"]!.AsArray();
        outbox.Count.ShouldBe(2);
        var message = outbox[0]!;
        var pin = mock.Host.Flow.Outbox.List(pinId: first.PinId).Single().Pin;
        message.ToJsonString().ShouldBe(
            "{\"sequence\":1,\"channel\":\"sms\",\"to\":\"1001\",\"from\":\"Info\",\"text\":\"Your PIN is " + pin + "\",\"pin\":\"" + pin + "\",\"pinId\":\"" + first.PinId +
            "\",\"applicationId\":\"0123456789ABCDEF0123456789ABCDEF\",\"messageId\":\"FEDCBA9876543210FEDCBA9876543210\"," +
            "\"sentAt\":\"2026-12-02T01:00:00.000Z\",\"sentAtMillis\":" + Start.ToUnixTimeMilliseconds() + ",\"sent\":true,\"status\":\"MESSAGE_SENT\"}");
        outbox[1]!["channel"]!.GetValue<string>().ShouldBe("voice");
        outbox[1]!["sentAt"]!.GetValue<string>().ShouldBe("2026-12-02T01:00:01.500Z");
        outbox[1]!.AsObject().ContainsKey("from").ShouldBeFalse();

        async Task<string[]> PinIds(string query) =>
            [.. Bodies.Json(await (await http.GetAsync("/__admin/mock/outbox" + query)).ShouldBeOk())["messages"]!.AsArray().Select(m => m!["pinId"]!.GetValue<string>())];
        (await PinIds("?to=1002")).ShouldBe([second.PinId]);
        (await PinIds($"?pinId={first.PinId}")).ShouldBe([first.PinId]);
        (await PinIds("?applicationId=0123456789ABCDEF0123456789ABCDEF&to=")).ShouldBe([first.PinId, second.PinId]);
        (await PinIds("?applicationId=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).ShouldBeEmpty();

        await (await http.DeleteAsync("/__admin/mock/outbox")).ShouldBeOk();
        (await PinIds("")).ShouldBeEmpty();
        var put = await http.PutAsync("/__admin/mock/outbox", Body("{}"));
        ((int)put.StatusCode).ShouldBe(405);
        put.Content.Headers.Allow.ShouldBe(["GET", "DELETE"]);
    }

    [Fact]
    public async Task The_clock_shows_now_and_advances_in_the_APIs_time_format()
    {
        var (mock, http) = await StartAsync();
        await using var _ = mock;
        var clock = Bodies.Json(await (await http.GetAsync("/__admin/mock/clock")).ShouldBeOk());
        clock.ToJsonString().ShouldBe("{\"now\":\"2026-12-02T01:00:00.000Z\",\"epochMillis\":" + Start.ToUnixTimeMilliseconds() + ",\"mode\":\"system\",\"offset\":\"0s\"}");

        var advanced = Bodies.Json(await (await http.PostAsync("/__admin/mock/clock", Body("{\"advance\":\"15m\"}"))).ShouldBeOk());
        advanced["now"]!.GetValue<string>().ShouldBe("2026-12-02T01:15:00.000Z");
        advanced["epochMillis"]!.GetValue<long>().ShouldBe(Start.ToUnixTimeMilliseconds() + 900_000);
        advanced["offset"]!.GetValue<string>().ShouldBe("15m");
        await http.PostAsync("/__admin/mock/clock", Body("{\"advance\":\"45m\"}"));
        Bodies.Json(await http.GetStringAsync("/__admin/mock/clock"))["offset"]!.GetValue<string>().ShouldBe("1h");
        mock.Host.Flow.Clock.OffsetMillis.ShouldBe(3_600_000);
    }

    [Theory]
    [InlineData("{\"advance\":\"15\"}", "advance must be a time like \"15m\"")]
    [InlineData("{\"advance\":\"-5m\"}", "advance must be a time like \"15m\"")]
    [InlineData("{\"advance\":15}", "advance must be a time like \"15m\"")]
    [InlineData("{\"advance\":\"36501d\"}", "advance must not exceed 36500d")]
    [InlineData("{}", "advance is required")]
    [InlineData("[\"15m\"]", "The body must be a JSON object")]
    [InlineData("advance=15m", "The body must be a JSON object")]
    [InlineData("", "The body must be a JSON object")]
    public async Task A_bad_advance_gets_400_with_one_clear_message_and_the_clock_stays(string body, string text)
    {
        var (mock, http) = await StartAsync();
        await using var _ = mock;
        var response = await http.PostAsync("/__admin/mock/clock", Body(body));
        await response.ShouldBeError(400, "BAD_REQUEST");
        (await Bodies.ErrorOf(response)).Text.ShouldStartWith(text);
        mock.Host.Flow.Clock.OffsetMillis.ShouldBe(0);
    }

    [Fact]
    public async Task The_clock_refuses_to_go_beyond_its_total_cap_and_a_huge_body()
    {
        var (mock, http) = await StartAsync();
        await using var _ = mock;
        await (await http.PostAsync("/__admin/mock/clock", Body("{\"advance\":\"36500d\"}"))).ShouldBeOk();
        await (await http.PostAsync("/__admin/mock/clock", Body("{\"advance\":\"1ms\"}"))).ShouldBeError(400, "BAD_REQUEST");
        await (await http.PostAsync("/__admin/mock/clock", Body("{\"advance\":\"" + new string('1', 10_000) + "m\"}"))).ShouldBeError(400, "BAD_REQUEST");
        ((int)(await http.DeleteAsync("/__admin/mock/clock")).StatusCode).ShouldBe(405);
    }

    [Fact]
    public async Task A_manual_clock_is_frozen_until_advanced()
    {
        var source = new FakeTimeProvider(Start);
        var (mock, http) = await StartAsync(o => { o.ClockMode = ClockMode.Manual; o.Clock = source; });
        await using var _ = mock;
        source.Advance(TimeSpan.FromMinutes(3));
        var clock = Bodies.Json(await http.GetStringAsync("/__admin/mock/clock"));
        clock["mode"]!.GetValue<string>().ShouldBe("manual");
        clock["now"]!.GetValue<string>().ShouldBe("2026-12-02T01:00:00.000Z");
    }

    [Fact]
    public async Task Fixed_PINs_per_recipient_are_set_listed_used_and_removed()
    {
        var (mock, http) = await StartAsync(o => o.FixedPin = "4321");
        await using var _ = mock;
        var put = Bodies.Json(await (await http.PutAsync("/__admin/mock/fixed-pins/1001", Body("{\"pin\":\"0000\"}"))).ShouldBeOk());
        put.ToJsonString().ShouldBe("{\"to\":\"1001\",\"pin\":\"0000\"}");
        Bodies.Json(await http.GetStringAsync("/__admin/mock/fixed-pins")).ToJsonString().ShouldBe("{\"global\":\"4321\",\"byRecipient\":{\"1001\":\"0000\"}}");

        mock.Host.Flow.Outbox.List(pinId: Send(mock.Host, "1001").PinId).Single().Pin.ShouldBe("0000");
        mock.Host.Flow.Outbox.List(pinId: Send(mock.Host, "1002").PinId).Single().Pin.ShouldBe("4321");

        ((int)(await http.DeleteAsync("/__admin/mock/fixed-pins/1001")).StatusCode).ShouldBe(204);
        await (await http.DeleteAsync("/__admin/mock/fixed-pins/1001")).ShouldBeError(404, "NOT_FOUND", "No fixed PIN for 1001.");
        Bodies.Json(await http.GetStringAsync("/__admin/mock/fixed-pins"))["byRecipient"]!.AsObject().Count.ShouldBe(0);
    }

    [Theory]
    [InlineData("/__admin/mock/fixed-pins/1001", "{\"pin\":\"12 34\"}", "pin must consist of ASCII letters and digits only.")]
    [InlineData("/__admin/mock/fixed-pins/1001", "{\"pin\":\"\"}", "pin must be a non-empty string.")]
    [InlineData("/__admin/mock/fixed-pins/1001", "{\"pin\":1234}", "pin is required as a string, e.g. {\"pin\":\"1234\"}.")]
    [InlineData("/__admin/mock/fixed-pins/1001", "{", "The body must be a JSON object like {\"pin\":\"1234\"}.")]
    [InlineData("/__admin/mock/fixed-pins/10%2001", "{\"pin\":\"1234\"}", "The recipient in /__admin/mock/fixed-pins/{to} must be 1-64 characters without spaces, '/' or '%'.")]
    [InlineData("/__admin/mock/fixed-pins/10%2F01", "{\"pin\":\"1234\"}", "The recipient in /__admin/mock/fixed-pins/{to} must be 1-64 characters without spaces, '/' or '%'.")]
    public async Task A_bad_fixed_PIN_gets_400_and_changes_nothing(string path, string body, string text)
    {
        var (mock, http) = await StartAsync();
        await using var _ = mock;
        await (await http.PutAsync(path, Body(body))).ShouldBeError(400, "BAD_REQUEST", text);
        mock.Host.Flow.FixedPins.Snapshot().ShouldBeEmpty();
    }

    [Fact]
    public async Task Reset_clears_the_outbox_the_recipients_PINs_and_the_clock()
    {
        var (mock, http) = await StartAsync();
        await using var _ = mock;
        var sent = Send(mock.Host, "1001");
        await http.PutAsync("/__admin/mock/fixed-pins/1001", Body("{\"pin\":\"0000\"}"));
        await http.PostAsync("/__admin/mock/clock", Body("{\"advance\":\"1h\"}"));

        await (await http.PostAsync("/__admin/reset", Body(""))).ShouldBeOk();
        Bodies.Json(await http.GetStringAsync("/__admin/mock/outbox"))["messages"]!.AsArray().Count.ShouldBe(0);
        Bodies.Json(await http.GetStringAsync("/__admin/mock/fixed-pins"))["byRecipient"]!.AsObject().Count.ShouldBe(0);
        Bodies.Json(await http.GetStringAsync("/__admin/mock/clock"))["offset"]!.GetValue<string>().ShouldBe("0s");
        mock.Host.Flow.Find("account", sent.PinId).ShouldBeNull();
    }

    [Theory]
    [InlineData("GET", "/__admin/mock/outbox")]
    [InlineData("DELETE", "/__admin/mock/outbox")]
    [InlineData("GET", "/__admin/mock/clock")]
    [InlineData("POST", "/__admin/mock/clock")]
    [InlineData("GET", "/__admin/mock/fixed-pins")]
    [InlineData("PUT", "/__admin/mock/fixed-pins/1001")]
    public async Task The_flow_admin_URLs_need_the_admin_credentials_when_configured(string method, string path)
    {
        var (mock, http) = await StartAsync(o => { o.AdminUser = "admin"; o.AdminPassword = "pw"; });
        await using var _ = mock;
        using (var refused = new HttpRequestMessage(new HttpMethod(method), path) { Content = Body("{\"advance\":\"1m\",\"pin\":\"1\"}") })
            await (await http.SendAsync(refused)).ShouldBeError(401, "UNAUTHORIZED");
        mock.Host.Flow.Clock.OffsetMillis.ShouldBe(0);
        mock.Host.Flow.FixedPins.Snapshot().ShouldBeEmpty();

        using var accepted = new HttpRequestMessage(new HttpMethod(method), path) { Content = Body("{\"advance\":\"1m\",\"pin\":\"1\"}") };
        accepted.Headers.Authorization = AuthenticationHeaderValue.Parse(ApiClient.BasicFor("admin", "pw"));
        ((int)(await http.SendAsync(accepted)).StatusCode).ShouldBe(200);
    }

    [Fact]
    public async Task Without_the_admin_API_the_flow_admin_URLs_are_not_there()
    {
        var (mock, http) = await StartAsync(o => o.AdminEnabled = false);
        await using var _ = mock;
        ((int)(await http.GetAsync("/__admin/mock/outbox")).StatusCode).ShouldBe(404);
        ((int)(await http.PostAsync("/__admin/mock/clock", Body("{\"advance\":\"1m\"}"))).StatusCode).ShouldBe(404);
        mock.Host.Flow.Clock.OffsetMillis.ShouldBe(0);
    }
}
