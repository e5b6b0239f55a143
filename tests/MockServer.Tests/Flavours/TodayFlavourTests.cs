using MockServer.Tests.Support;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.MockServer.Flavours;

namespace MockServer.Tests.Flavours;

public sealed class TodayFlavourFixture : MockFixture
{
    protected override MockServerOptions Options() => QuietMock.Options(o => o.Flavour = MockFlavour.Today);
}

/// <summary>--flavour today: the mock answers the way today's API documents (real-api-facts.md, "Where the seed and today's API differ").</summary>
public class TodayFlavourTests(TodayFlavourFixture fixture) : IClassFixture<TodayFlavourFixture>
{
    private const string Xml = "application/xml";

    [Fact]
    public async Task Every_account_starts_empty_in_both_media_types()
    {
        var client = fixture.NewAccount();
        (await Bodies.JsonOf(await client.GetAsync())).AsArray().Count.ShouldBe(0);
        var xml = Bodies.Xml(await (await client.GetAsync(accept: Xml)).ShouldBeOk());
        xml.Root!.Name.LocalName.ShouldBe("ApplicationResponses");
        xml.Root.Elements().ShouldBeEmpty();
    }

    [Fact]
    public async Task Create_answers_201_without_a_processId_and_stores_the_application()
    {
        var client = fixture.NewAccount();
        var created = Bodies.Json(await (await client.PostJsonAsync("""{"name":"today"}""")).ShouldBeOk(201));
        created.AsObject().ContainsKey("processId").ShouldBeFalse();
        var id = created["applicationId"]!.GetValue<string>();

        var got = Bodies.Json(await (await client.GetAsync($"{ApiClient.Collection}/{id}")).ShouldBeOk());
        got["name"]!.GetValue<string>().ShouldBe("today");
        got.AsObject().ContainsKey("processId").ShouldBeFalse();

        var createdXml = Bodies.Xml(await (await client.SendAsync(HttpMethod.Post, ApiClient.Collection,
            "<ApplicationRequest><name>today xml</name></ApplicationRequest>", Xml, Xml)).ShouldBeOk(201));
        createdXml.Root!.Name.LocalName.ShouldBe("ApplicationResponse");
        createdXml.Root.Element("processId").ShouldBeNull();
        createdXml.Root.Element("applicationId").ShouldNotBeNull();
    }

    [Fact]
    public async Task The_list_in_xml_has_the_ApplicationResponses_root_with_an_item_per_application()
    {
        var client = fixture.NewAccount();
        await (await client.PostJsonAsync("""{"name":"one"}""")).ShouldBeOk(201);
        await (await client.PostJsonAsync("""{"name":"two"}""")).ShouldBeOk(201);
        var list = Bodies.Xml(await (await client.GetAsync(accept: Xml)).ShouldBeOk());
        list.Root!.Name.LocalName.ShouldBe("ApplicationResponses");
        list.Root.Elements("item").Select(i => i.Element("name")!.Value).ShouldBe(["one", "two"]);
        list.Root.Descendants("processId").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData(Xml)]
    public async Task An_unknown_id_is_NOT_FOUND_on_get_and_update(string accept)
    {
        var client = fixture.NewAccount();
        await (await client.GetAsync($"{ApiClient.Collection}/00000000000000000000000000000000", accept)).ShouldBeError(404, "NOT_FOUND", "Not found");
        await (await client.SendAsync(HttpMethod.Put, $"{ApiClient.Collection}/00000000000000000000000000000000", """{"name":"x"}""", "application/json", accept))
            .ShouldBeError(404, "NOT_FOUND", "Not found");
    }

    [Theory]
    [InlineData("m", "1m")]
    [InlineData("ms", "1ms")]
    [InlineData("d", "1d")]
    [InlineData("90s", "90s")]
    public async Task A_time_may_leave_its_length_out_and_reads_back_with_length_1(string sent, string stored)
    {
        var client = fixture.NewAccount();
        var created = Bodies.Json(await (await client.PostJsonAsync($$$"""{"name":"t","configuration":{"pinTimeToLive":"{{{sent}}}"}}""")).ShouldBeOk(201));
        created["configuration"]!["pinTimeToLive"]!.GetValue<string>().ShouldBe(stored);
        var id = created["applicationId"]!.GetValue<string>();
        var got = Bodies.Xml(await (await client.GetAsync($"{ApiClient.Collection}/{id}", Xml)).ShouldBeOk());
        got.Root!.Element("configuration")!.Element("pinTimeToLive")!.Value.ShouldBe(stored);
    }

    [Fact]
    public async Task A_limit_may_leave_its_interval_length_out_but_not_its_attempts()
    {
        var client = fixture.NewAccount();
        var updatedXml = """
            <ApplicationRequest><name>limits</name><configuration><verifyPinLimit>2/s</verifyPinLimit>
            <sendPinPerPhoneNumberLimit>3/d</sendPinPerPhoneNumberLimit></configuration></ApplicationRequest>
            """;
        var created = Bodies.Xml(await (await client.SendAsync(HttpMethod.Post, ApiClient.Collection, updatedXml, Xml, Xml)).ShouldBeOk(201));
        created.Root!.Element("configuration")!.Element("verifyPinLimit")!.Value.ShouldBe("2/1s");
        created.Root.Element("configuration")!.Element("sendPinPerPhoneNumberLimit")!.Value.ShouldBe("3/1d");

        await (await client.PostJsonAsync("""{"name":"x","configuration":{"sendPinPerPhoneNumberLimit":"d"}}"""))
            .ShouldBeError(400, "BAD_REQUEST", $"[configuration.sendPinPerPhoneNumberLimit : {Texts.LimitFormat}]");
        await (await client.PostJsonAsync("""{"name":"x","configuration":{"pinTimeToLive":"0m"}}"""))
            .ShouldBeError(400, "BAD_REQUEST", $"[configuration.pinTimeToLive : {Texts.TimeFormat}]");
    }
}

/// <summary>The flavour only changes defaults: what a user sets explicitly wins, and the seed flavour stays as it was.</summary>
public class FlavourDefaultsTests
{
    [Fact]
    public void Today_defaults_to_201_and_an_empty_seed_but_explicit_options_win()
    {
        var today = new MockServerOptions { Flavour = MockFlavour.Today };
        today.CreateStatus.ShouldBe(201);
        today.Seed.ShouldBe(SeedMode.Empty);
        var explicitOnes = new MockServerOptions { CreateStatus = 200, Seed = SeedMode.Documented, Flavour = MockFlavour.Today };
        explicitOnes.CreateStatus.ShouldBe(200);
        explicitOnes.Seed.ShouldBe(SeedMode.Documented);
        var seed = new MockServerOptions();
        seed.CreateStatus.ShouldBe(200);
        seed.Seed.ShouldBe(SeedMode.Documented);
    }

    [Fact]
    public void Today_with_examples_mode_is_refused_with_a_reason() =>
        Should.Throw<ArgumentException>(() => new MockServerOptions { Flavour = MockFlavour.Today, Mode = MockMode.Examples }.Validate())
            .Message.ShouldContain("--flavour today needs --mode stateful");

    [Fact]
    public async Task A_seed_mock_beside_a_today_mock_still_refuses_a_time_without_length()
    {
        // Both in one process: what one flavour learned about "m" must not leak into the other's validation.
        await using var today = await QuietMock.StartAsync(o => o.Flavour = MockFlavour.Today);
        await using var seed = await QuietMock.StartAsync();
        const string body = """{"name":"x","configuration":{"pinTimeToLive":"h","verifyPinLimit":"1/h"}}""";
        await (await ApiClient.ForNewAccount(today.Host.BaseUrl).PostJsonAsync(body)).ShouldBeOk(201);
        await (await ApiClient.ForNewAccount(seed.Host.BaseUrl).PostJsonAsync(body)).ShouldBeError(400, "BAD_REQUEST");

        var seedApp = Bodies.Json(await (await ApiClient.ForNewAccount(seed.Host.BaseUrl).PostJsonAsync("""{"name":"seed"}""")).ShouldBeOk(200));
        seedApp["processId"].ShouldNotBeNull();
        await (await ApiClient.ForNewAccount(seed.Host.BaseUrl).GetAsync($"{ApiClient.Collection}/nope"))
            .ShouldBeError(404, "APPLICATION_NOT_FOUND", Texts.NotFound);
    }
}
