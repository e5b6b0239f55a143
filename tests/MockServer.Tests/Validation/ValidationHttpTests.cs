using MockServer.Tests.Support;

namespace MockServer.Tests.Validation;

public class ValidationHttpTests(MockFixture fixture) : IClassFixture<MockFixture>
{
    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"configuration":{"pinAttempts":10},"enabled":true}""", Texts.MissingName },
        { """{"name":"n","configuration":{"sendPinPerApplicationLimit":"10000/1"}}""", $"[configuration.sendPinPerApplicationLimit : {Texts.LimitFormat}]" },
        { """{"name":"n","configuration":{"sendPinPerPhoneNumberLimit":"1d"}}""", $"[configuration.sendPinPerPhoneNumberLimit : {Texts.LimitFormat}]" },
        { """{"name":"n","configuration":{"pinTimeToLive":"15 minutes"}}""", $"[configuration.pinTimeToLive : {Texts.TimeFormat}]" },
        { """{"configuration":{"pinTimeToLive":"m"}}""", $"[name : may not be null, configuration.pinTimeToLive : {Texts.TimeFormat}]" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Create_reports_the_real_texts_and_creates_nothing(string body, string text)
    {
        var client = fixture.NewAccount();
        var before = await (await client.GetAsync()).Content.ReadAsStringAsync();
        await (await client.PostJsonAsync(body)).ShouldBeError(400, "BAD_REQUEST", text);
        (await (await client.GetAsync()).Content.ReadAsStringAsync()).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Update_reports_the_real_texts_and_changes_nothing(string body, string text)
    {
        var client = fixture.NewAccount();
        var id = await client.CreateAsync(Texts.FullJson);
        var before = await (await client.GetAsync($"{ApiClient.Collection}/{id}")).Content.ReadAsStringAsync();
        await (await client.PutJsonAsync(id, body)).ShouldBeError(400, "BAD_REQUEST", text);
        (await (await client.GetAsync($"{ApiClient.Collection}/{id}")).Content.ReadAsStringAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_partly_valid_update_changes_nothing()
    {
        var client = fixture.NewAccount();
        var id = await client.CreateAsync(Texts.FullJson);
        var before = await (await client.GetAsync($"{ApiClient.Collection}/{id}")).Content.ReadAsStringAsync();
        // name and pinAttempts are fine, the limit is not: nothing of it may be applied
        await (await client.PutJsonAsync(id, """{"name":"changed","configuration":{"pinAttempts":3,"verifyPinLimit":"x"}}""")).ShouldBeError(400, "BAD_REQUEST");
        (await (await client.GetAsync($"{ApiClient.Collection}/{id}")).Content.ReadAsStringAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Errors_come_in_XML_when_asked()
    {
        var response = await fixture.NewAccount().SendAsync(HttpMethod.Post, ApiClient.Collection,
            "<request><configuration><pinTimeToLive>15 minutes</pinTimeToLive></configuration></request>", "application/xml", "application/xml");
        await response.ShouldBeError(400, "BAD_REQUEST", $"[name : may not be null, configuration.pinTimeToLive : {Texts.TimeFormat}]");
        ApiClient.ContentTypeOf(response)!.MediaType.ShouldBe("application/xml");
    }

    [Fact]
    public async Task Update_validates_the_body_before_looking_up_the_id()
    {
        var response = await fixture.NewAccount().PutJsonAsync("00000000000000000000000000000000", """{"enabled":true}""");
        await response.ShouldBeError(400, "BAD_REQUEST", Texts.MissingName);
    }
}
