using MockServer.Tests.Support;

namespace MockServer.Tests.Negotiation;

public class NegotiationHttpTests(MockFixture fixture) : IClassFixture<MockFixture>
{
    private const string XmlBody = "<request><name>xml app</name><configuration><pinTimeToLive>60s</pinTimeToLive></configuration></request>";

    [Fact]
    public async Task Unsupported_Accept_is_406_in_JSON()
    {
        var response = await fixture.NewAccount().GetAsync(accept: "text/html");
        await response.ShouldBeError(406, "NOT_ACCEPTABLE");
    }

    [Fact]
    public async Task Unsupported_body_type_is_415_in_the_negotiated_type()
    {
        var client = fixture.NewAccount();
        var response = await client.SendAsync(HttpMethod.Post, ApiClient.Collection, "name=x", "text/plain", "application/xml");
        await response.ShouldBeError(415, "UNSUPPORTED_MEDIA_TYPE");
        ApiClient.ContentTypeOf(response)!.MediaType.ShouldBe("application/xml");
        (await (await client.GetAsync()).Content.ReadAsStringAsync()).ShouldNotContain("name=x");
    }

    [Fact]
    public async Task Missing_Content_Type_on_a_body_is_415()
    {
        var response = await fixture.NewAccount().SendAsync(HttpMethod.Post, ApiClient.Collection, """{"name":"x"}""", null);
        await response.ShouldBeError(415, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task Content_Type_on_a_GET_is_harmless()
    {
        var response = await fixture.NewAccount().GetAsync(headers: new Dictionary<string, string> { ["Content-Type"] = "application/json" });
        await response.ShouldBeOk();
        var xml = await fixture.NewAccount().GetAsync(accept: "application/xml", headers: new Dictionary<string, string> { ["Content-Type"] = "text/plain" });
        Bodies.Xml(await xml.ShouldBeOk()).Root!.Name.LocalName.ShouldBe("ApplicationResponse");
    }

    [Fact]
    public async Task Charset_parameters_are_read()
    {
        var client = fixture.NewAccount();
        var response = await client.SendAsync(HttpMethod.Post, ApiClient.Collection, """{"name":"utf8 ✓"}""", "application/json; charset=utf-8", "application/json; charset=utf-8");
        (await Bodies.JsonOf(response))["name"]!.GetValue<string>().ShouldBe("utf8 ✓");
        ApiClient.ContentTypeOf(response)!.CharSet.ShouldBe("utf-8");
    }

    [Fact]
    public async Task Q_values_choose_the_answer_type()
    {
        var response = await fixture.NewAccount().GetAsync(accept: "application/json;q=0.2, application/xml;q=0.8");
        ApiClient.ContentTypeOf(response)!.MediaType.ShouldBe("application/xml");
        Bodies.Xml(await response.ShouldBeOk()).Root!.Elements("item").Count().ShouldBe(3);
    }

    [Fact]
    public async Task XML_in_JSON_out_and_JSON_in_XML_out()
    {
        var client = fixture.NewAccount();
        var jsonAnswer = await client.SendAsync(HttpMethod.Post, ApiClient.Collection, XmlBody, "application/xml", "application/json");
        var json = Bodies.Json(await jsonAnswer.ShouldBeOk());
        json["name"]!.GetValue<string>().ShouldBe("xml app");
        json["configuration"]!["pinTimeToLive"]!.GetValue<string>().ShouldBe("1m");

        var xmlAnswer = await client.SendAsync(HttpMethod.Post, ApiClient.Collection, """{"name":"json app"}""", "application/json", "application/xml");
        var xml = Bodies.Xml(await xmlAnswer.ShouldBeOk()).Root!;
        xml.Name.LocalName.ShouldBe("ApplicationResponse");
        xml.Element("name")!.Value.ShouldBe("json app");
        xml.Element("configuration")!.Element("pinAttempts")!.Value.ShouldBe("10");
    }

    [Fact]
    public async Task Todays_ApplicationRequest_root_is_read_for_create_and_update()
    {
        var client = fixture.NewAccount();
        var created = Bodies.Xml(await (await client.SendAsync(HttpMethod.Post, ApiClient.Collection,
            "<ApplicationRequest><name>today</name><enabled>false</enabled></ApplicationRequest>", "application/xml", "application/xml")).ShouldBeOk()).Root!;
        created.Element("enabled")!.Value.ShouldBe("false");
        var id = created.Element("applicationId")!.Value;
        var updated = Bodies.Xml(await (await client.SendAsync(HttpMethod.Put, $"{ApiClient.Collection}/{id}",
            "<ApplicationRequest><name>renamed</name><configuration><pinTimeToLive>120m</pinTimeToLive></configuration></ApplicationRequest>",
            "application/xml", "application/xml")).ShouldBeOk()).Root!;
        updated.Element("name")!.Value.ShouldBe("renamed");
        updated.Element("enabled")!.Value.ShouldBe("false");
        updated.Element("configuration")!.Element("pinTimeToLive")!.Value.ShouldBe("2h");
    }

    [Fact]
    public async Task Without_Accept_an_XML_body_gets_an_XML_answer()
    {
        var response = await fixture.NewAccount().SendAsync(HttpMethod.Post, ApiClient.Collection, XmlBody, "application/xml", accept: null);
        ApiClient.ContentTypeOf(response)!.MediaType.ShouldBe("application/xml");
        Bodies.Xml(await response.ShouldBeOk()).Root!.Element("name")!.Value.ShouldBe("xml app");
    }
}
