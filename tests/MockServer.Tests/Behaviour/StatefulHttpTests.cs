using System.Text.Json.Nodes;
using MockServer.Tests.Support;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer;

namespace MockServer.Tests.Behaviour;

public class StatefulHttpTests(MockFixture fixture) : IClassFixture<MockFixture>
{
    private static readonly string[] SeedIds = ["0933F3BC087D2A617AC6DCB2EF5B8A61", "5F04FACFAA4978F62FCAEBA97B37E90F", "B450F966A8EF017180F148AF22C42642"];

    private static JsonNode DocumentedList() =>
        Bodies.Json(ContractDocument.Load().Operation("listApplications").FindResponseExample("basic", BodyFormat.Json)!.Text);

    [Fact]
    public async Task Every_account_starts_with_the_documented_applications()
    {
        foreach (var client in new[] { fixture.NewAccount(), fixture.NewAccount() })
        {
            var list = await Bodies.JsonOf(await client.GetAsync());
            JsonNode.DeepEquals(list, DocumentedList()).ShouldBeTrue(list.ToJsonString());
            list.AsArray().Select(a => a!["applicationId"]!.GetValue<string>()).ShouldBe(SeedIds);
        }
    }

    [Fact]
    public async Task Create_fills_defaults_and_returns_new_ids()
    {
        var client = fixture.NewAccount();
        var created = Bodies.Json(await (await client.PostJsonAsync("""{"name":"Defaults"}""")).ShouldBeOk());
        created["applicationId"]!.GetValue<string>().ShouldMatch("^[0-9A-F]{32}$");
        created["processId"]!.GetValue<string>().ShouldMatch("^[0-9A-F]{32}$");
        created["processId"]!.GetValue<string>().ShouldNotBe(created["applicationId"]!.GetValue<string>());
        created["enabled"]!.GetValue<bool>().ShouldBeTrue();
        var configuration = created["configuration"]!;
        configuration["pinAttempts"]!.GetValue<int>().ShouldBe(10);
        configuration["allowMultiplePinVerifications"]!.GetValue<bool>().ShouldBeTrue();
        configuration["pinTimeToLive"]!.GetValue<string>().ShouldBe("15m");
        configuration["verifyPinLimit"]!.GetValue<string>().ShouldBe("1/3s");
        configuration["sendPinPerApplicationLimit"]!.GetValue<string>().ShouldBe("10000/1d");
        configuration["sendPinPerPhoneNumberLimit"]!.GetValue<string>().ShouldBe("3/1d");
    }

    [Fact]
    public async Task Create_fills_only_the_missing_configuration_fields()
    {
        var created = Bodies.Json(await (await fixture.NewAccount().PostJsonAsync("""{"name":"Some","enabled":false,"configuration":{"pinAttempts":5}}""")).ShouldBeOk());
        created["enabled"]!.GetValue<bool>().ShouldBeFalse();
        created["configuration"]!["pinAttempts"]!.GetValue<int>().ShouldBe(5);
        created["configuration"]!["pinTimeToLive"]!.GetValue<string>().ShouldBe("15m");
    }

    [Theory]
    [InlineData("120m", "2h")]
    [InlineData("60s", "1m")]
    [InlineData("1000ms", "1s")]
    [InlineData("24h", "1d")]
    [InlineData("15m", "15m")]
    public async Task Times_are_stored_normalised(string sent, string stored)
    {
        var client = fixture.NewAccount();
        var id = await client.CreateAsync($$$"""{"name":"t","configuration":{"pinTimeToLive":"{{{sent}}}","sendPinPerPhoneNumberLimit":"3/{{{sent}}}"}}""");
        var got = await Bodies.JsonOf(await client.GetAsync($"{ApiClient.Collection}/{id}"));
        got["configuration"]!["pinTimeToLive"]!.GetValue<string>().ShouldBe(stored);
        got["configuration"]!["sendPinPerPhoneNumberLimit"]!.GetValue<string>().ShouldBe($"3/{stored}");
    }

    [Fact]
    public async Task List_keeps_creation_order_after_the_seed()
    {
        var client = fixture.NewAccount();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await client.CreateAsync($$$"""{"name":"n{{{i}}}"}"""));
        var list = (await Bodies.JsonOf(await client.GetAsync())).AsArray().Select(a => a!["applicationId"]!.GetValue<string>()).ToList();
        list.ShouldBe([.. SeedIds, .. ids]);
    }

    [Fact]
    public async Task Get_returns_what_create_returned()
    {
        var client = fixture.NewAccount();
        var created = await Bodies.JsonOf(await client.PostJsonAsync(Texts.FullJson));
        var got = await Bodies.JsonOf(await client.GetAsync($"{ApiClient.Collection}/{created["applicationId"]}"));
        JsonNode.DeepEquals(created, got).ShouldBeTrue();
    }

    [Fact]
    public async Task Unknown_id_is_404_APPLICATION_NOT_FOUND_for_get_and_put()
    {
        var client = fixture.NewAccount();
        await (await client.GetAsync($"{ApiClient.Collection}/00000000000000000000000000000000")).ShouldBeError(404, "APPLICATION_NOT_FOUND", Texts.NotFound);
        await (await client.PutJsonAsync("00000000000000000000000000000000", """{"name":"x"}""")).ShouldBeError(404, "APPLICATION_NOT_FOUND", Texts.NotFound);
    }

    [Fact]
    public async Task Update_of_the_documented_example_reads_back_2h()
    {
        var client = fixture.NewAccount();
        var body = ContractDocument.Load().Operation("updateApplication").FindRequestExample("basic", BodyFormat.Json)!.Text;
        var updated = Bodies.Json(await (await client.PutJsonAsync(SeedIds[0], body)).ShouldBeOk());
        var documented = Bodies.Json(ContractDocument.Load().Operation("updateApplication").FindResponseExample("basic", BodyFormat.Json)!.Text);
        JsonNode.DeepEquals(updated, documented).ShouldBeTrue(updated.ToJsonString());
    }

    [Fact]
    public async Task Update_keeps_every_omitted_field()
    {
        var client = fixture.NewAccount();
        var id = await client.CreateAsync(Texts.FullJson);
        var before = await Bodies.JsonOf(await client.GetAsync($"{ApiClient.Collection}/{id}"));

        var updated = Bodies.Json(await (await client.PutJsonAsync(id, """{"name":"Renamed","configuration":{"pinAttempts":9}}""")).ShouldBeOk());
        updated["name"]!.GetValue<string>().ShouldBe("Renamed");
        updated["enabled"]!.GetValue<bool>().ShouldBe(before["enabled"]!.GetValue<bool>()); // false, not the default true
        updated["configuration"]!["pinAttempts"]!.GetValue<int>().ShouldBe(9);
        foreach (var field in new[] { "allowMultiplePinVerifications", "pinTimeToLive", "verifyPinLimit", "sendPinPerApplicationLimit", "sendPinPerPhoneNumberLimit" })
            JsonNode.DeepEquals(updated["configuration"]![field], before["configuration"]![field]).ShouldBeTrue(field);
        updated["processId"]!.GetValue<string>().ShouldBe(before["processId"]!.GetValue<string>());

        var nameOnly = Bodies.Json(await (await client.PutJsonAsync(id, """{"name":"Only name"}""")).ShouldBeOk());
        JsonNode.DeepEquals(nameOnly["configuration"], updated["configuration"]).ShouldBeTrue();
        nameOnly["enabled"]!.GetValue<bool>().ShouldBeFalse();

        var enable = Bodies.Json(await (await client.PutJsonAsync(id, """{"name":"Only name","enabled":true}""")).ShouldBeOk());
        enable["enabled"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Update_requires_the_name()
    {
        var client = fixture.NewAccount();
        var id = await client.CreateAsync("""{"name":"x"}""");
        await (await client.PutJsonAsync(id, """{"enabled":false}""")).ShouldBeError(400, "BAD_REQUEST", Texts.MissingName);
    }

    [Fact]
    public async Task Update_is_seen_by_list_and_get()
    {
        var client = fixture.NewAccount();
        var id = await client.CreateAsync("""{"name":"before"}""");
        await client.GetAsync(); // caches the list
        await (await client.PutJsonAsync(id, """{"name":"after"}""")).ShouldBeOk();
        (await (await client.GetAsync()).Content.ReadAsStringAsync()).ShouldContain("\"after\"");
        (await (await client.GetAsync($"{ApiClient.Collection}/{id}", "application/xml")).Content.ReadAsStringAsync()).ShouldContain("<name>after</name>");
    }

    [Fact]
    public async Task Concurrent_creates_are_all_listed_once_with_unique_ids()
    {
        var client = fixture.NewAccount();
        var ids = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.CreateAsync($$$"""{"name":"c{{{i}}}"}""")));
        var listed = (await Bodies.JsonOf(await client.GetAsync())).AsArray().Select(a => a!["applicationId"]!.GetValue<string>()).ToList();
        listed.Count.ShouldBe(53);
        listed.Distinct().Count().ShouldBe(53);
        ids.ShouldBeSubsetOf(listed);
    }
}

public sealed class Create201EmptySeedFixture : MockFixture
{
    protected override MockServerOptions Options() => QuietMock.Options(o => { o.CreateStatus = 201; o.Seed = SeedMode.Empty; });
}

public class Create201EmptySeedTests(Create201EmptySeedFixture fixture) : IClassFixture<Create201EmptySeedFixture>
{
    [Fact]
    public async Task Empty_seed_starts_with_no_applications()
    {
        (await Bodies.JsonOf(await fixture.NewAccount().GetAsync())).AsArray().Count.ShouldBe(0);
        (await (await fixture.NewAccount().GetAsync(accept: "application/xml")).Content.ReadAsStringAsync()).ShouldContain("<ApplicationResponse></ApplicationResponse>");
    }

    [Fact]
    public async Task Create_answers_201_when_configured()
    {
        var response = await fixture.NewAccount().PostJsonAsync("""{"name":"x"}""");
        await response.ShouldBeOk(201);
    }
}
