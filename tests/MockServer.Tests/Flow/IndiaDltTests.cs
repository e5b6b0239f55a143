using System.Text.Json.Nodes;
using System.Xml.Linq;
using MockServer.Tests.Support;

namespace MockServer.Tests.Flow;

/// <summary>
/// A template's <c>regional.indiaDlt</c> (today's document: contentTemplateId and principalEntityId up to 30
/// characters, teleMarketerId up to 255, principalEntityId required whenever indiaDlt is sent) is stored and answered
/// in JSON and XML, in both flavours, through the field model's nested groups; its rules give 400s in the API's
/// envelope; an update changes what it sends of it and keeps the rest.
/// </summary>
public class IndiaDltTests(BothFlavoursFixture mocks) : IClassFixture<BothFlavoursFixture>
{
    private const string Create = "CreateSmsOrVoiceMessageRequest", Update = "UpdateSmsOrVoiceMessageRequest";

    private static JsonObject Dlt(params (string Name, string Value)[] fields)
    {
        var dlt = new JsonObject();
        foreach (var (name, value) in fields) dlt[name] = value;
        return new JsonObject { ["indiaDlt"] = dlt };
    }

    private static JsonObject Template(JsonNode? regional) => new()
    {
        ["messageText"] = "Your code is {{pin}}",
        ["pinType"] = "NUMERIC",
        ["regional"] = regional,
    };

    [Theory]
    [MemberData(nameof(BothFlavoursFixture.FlavoursAndFormats), MemberType = typeof(BothFlavoursFixture))]
    public async Task The_DLT_parameters_round_trip_through_create_get_list_and_update(string flavour, bool xml)
    {
        var flow = mocks.NewClient(flavour, xml);
        var templates = $"/2fa/2/applications/{await flow.CreateApplicationAsync()}/messages";
        var sent = Dlt(("contentTemplateId", "1107160000000012345"), ("principalEntityId", "1101400000000067890"),
            ("teleMarketerId", new string('7', 255)));

        var created = await (await flow.SendAsync(HttpMethod.Post, templates, Body(xml, Create, Template(sent)))).ShouldBeOk();
        Regional(xml, created).ShouldBe(sent.ToJsonString());
        var path = $"{templates}/{flow.Read(created, "messageId")}";
        Regional(xml, await (await flow.SendAsync(HttpMethod.Get, path, null)).ShouldBeOk()).ShouldBe(sent.ToJsonString());
        var listed = await (await flow.SendAsync(HttpMethod.Get, templates, null)).ShouldBeOk();
        Regional(xml, xml ? XDocument.Parse(listed).Root!.Element("item")!.ToString() : JsonNode.Parse(listed)![0]!.ToJsonString())
            .ShouldBe(sent.ToJsonString());

        // A partial update: only principalEntityId; the other DLT fields and the template's own fields stay.
        var updated = await (await flow.SendAsync(HttpMethod.Put, path, Body(xml, Update, new JsonObject
        {
            ["regional"] = Dlt(("principalEntityId", "ENTITY-2")),
        }))).ShouldBeOk();
        Regional(xml, updated).ShouldBe(Dlt(("contentTemplateId", "1107160000000012345"), ("principalEntityId", "ENTITY-2"),
            ("teleMarketerId", new string('7', 255))).ToJsonString());
        flow.Read(updated, "messageText").ShouldBe("Your code is {{pin}}");

        // An update that leaves regional out (or sends it empty) keeps it: regional options are changed, never removed.
        var kept = await (await flow.SendAsync(HttpMethod.Put, path, Body(xml, Update, new JsonObject { ["pinLength"] = 6, ["regional"] = new JsonObject() })))
            .ShouldBeOk();
        (flow.Read(kept, "pinLength"), Regional(xml, kept)).ShouldBe(("6", Regional(xml, updated)));
    }

    [Theory]
    [MemberData(nameof(BothFlavoursFixture.FlavoursAndFormats), MemberType = typeof(BothFlavoursFixture))]
    public async Task A_template_without_DLT_parameters_answers_no_regional_and_an_update_can_add_them(string flavour, bool xml)
    {
        var flow = mocks.NewClient(flavour, xml);
        var app = await flow.CreateApplicationAsync();
        var path = $"/2fa/2/applications/{app}/messages/{await flow.CreateTemplateAsync(app)}";
        var plain = await (await flow.SendAsync(HttpMethod.Get, path, null)).ShouldBeOk();
        flow.Read(plain, "regional").ShouldBeNull();

        var added = await (await flow.SendAsync(HttpMethod.Put, path, Body(xml, Update, new JsonObject { ["regional"] = Dlt(("principalEntityId", "E1")) })))
            .ShouldBeOk();
        Regional(xml, added).ShouldBe(Dlt(("principalEntityId", "E1")).ToJsonString());
    }

    [Theory]
    [MemberData(nameof(BothFlavoursFixture.FlavoursAndFormats), MemberType = typeof(BothFlavoursFixture))]
    public async Task The_DLT_rules_answer_400_in_the_envelope_and_store_nothing(string flavour, bool xml)
    {
        var flow = mocks.NewClient(flavour, xml);
        var app = await flow.CreateApplicationAsync();
        var templates = $"/2fa/2/applications/{app}/messages";
        async Task Refused(string root, string path, HttpMethod method, JsonNode? regional, string text) =>
            await (await flow.SendAsync(method, path, Body(xml, root, root == Create ? Template(regional) : new JsonObject { ["regional"] = regional })))
                .ShouldBeError(400, "BAD_REQUEST", text);

        await Refused(Create, templates, HttpMethod.Post, Dlt(("contentTemplateId", "T1")), "[regional.indiaDlt.principalEntityId : may not be null]");
        await Refused(Create, templates, HttpMethod.Post, Dlt(), "[regional.indiaDlt.principalEntityId : may not be null]");
        await Refused(Create, templates, HttpMethod.Post, Dlt(("contentTemplateId", new string('1', 31)), ("principalEntityId", new string('2', 31)),
                ("teleMarketerId", new string('3', 256))),
            "[regional.indiaDlt.contentTemplateId : size must be between 0 and 30, regional.indiaDlt.principalEntityId : size must be between 0 and 30, "
            + "regional.indiaDlt.teleMarketerId : size must be between 0 and 255]");

        // The update requires principalEntityId whenever indiaDlt is sent too, and checks the lengths.
        var path = $"{templates}/{await flow.CreateTemplateAsync(app)}";
        await Refused(Update, path, HttpMethod.Put, Dlt(("contentTemplateId", "T1")), "[regional.indiaDlt.principalEntityId : may not be null]");
        await Refused(Update, path, HttpMethod.Put, Dlt(("principalEntityId", new string('2', 31))), "[regional.indiaDlt.principalEntityId : size must be between 0 and 30]");
        flow.Read(await (await flow.SendAsync(HttpMethod.Get, path, null)).ShouldBeOk(), "regional").ShouldBeNull("a refused update changes nothing");
        (await flow.SendAsync(HttpMethod.Get, templates, null)).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);

        if (xml)
        {
            // In XML a value with elements inside is of the wrong type.
            await (await flow.SendAsync(HttpMethod.Post, templates,
                    $"<{Create}><messageText>{{{{pin}}}}</messageText><pinType>HEX</pinType><regional><indiaDlt><principalEntityId><x>1</x></principalEntityId></indiaDlt></regional></{Create}>"))
                .ShouldBeError(400, "BAD_REQUEST", "[regional.indiaDlt.principalEntityId : must be a string]");
            return;
        }
        // Wrong JSON types, each named by its path.
        await Refused(Create, templates, HttpMethod.Post, "India", "[regional : must be an object]");
        await Refused(Create, templates, HttpMethod.Post, new JsonObject { ["indiaDlt"] = 7 }, "[regional.indiaDlt : must be an object]");
        await Refused(Create, templates, HttpMethod.Post, new JsonObject { ["indiaDlt"] = new JsonObject { ["principalEntityId"] = 12345 } },
            "[regional.indiaDlt.principalEntityId : must be a string]");
    }

    [Theory]
    [MemberData(nameof(BothFlavoursFixture.Flavours), MemberType = typeof(BothFlavoursFixture))]
    public async Task The_official_documents_DLT_XML_examples_create_and_update_a_template(string flavour)
    {
        var flow = mocks.NewClient(flavour, xml: true);
        var templates = $"/2fa/2/applications/{await flow.CreateApplicationAsync()}/messages";
        var created = await (await flow.SendAsync(HttpMethod.Post, templates, OfficialXmlExamples.CreateTemplateWithDlt)).ShouldBeOk();
        var documented = XDocument.Parse(OfficialXmlExamples.CreateTemplateWithDlt).Root!.Element("regional")!;
        XDocument.Parse(created).Root!.Element("regional")!.ToString(SaveOptions.DisableFormatting)
            .ShouldBe(documented.ToString(SaveOptions.DisableFormatting));

        var updated = await (await flow.SendAsync(HttpMethod.Put, $"{templates}/{flow.Read(created, "messageId")}", OfficialXmlExamples.UpdateTemplateWithDlt))
            .ShouldBeOk();
        (flow.Read(updated, "pinType"), flow.Read(updated, "pinLength")).ShouldBe(("ALPHANUMERIC", "6"));
        XDocument.Parse(updated).Root!.Element("regional")!.Element("indiaDlt")!.Element("principalEntityId")!.Value.ShouldBe("your-entity-id");
    }

    /// <summary>A request body in the client's media type; in XML each object is an element of elements.</summary>
    private static string Body(bool xml, string root, JsonObject body) =>
        xml ? Element(root, body).ToString(SaveOptions.DisableFormatting) : body.ToJsonString();

    private static XElement Element(string name, JsonNode? node) => node is JsonObject group
        ? new XElement(name, group.Select(p => Element(p.Key, p.Value)))
        : new XElement(name, node?.GetValue<object>().ToString());

    /// <summary>An answer's (or list item's) regional options as compact JSON, whichever media type it came in; null when absent.</summary>
    private static string? Regional(bool xml, string body)
    {
        if (!xml) return JsonNode.Parse(body)!["regional"]?.ToJsonString();
        return XDocument.Parse(body).Root!.Element("regional") is { } regional ? AsJson(regional)!.ToJsonString() : null;
    }

    private static JsonNode? AsJson(XElement element) => element.HasElements
        ? new JsonObject(element.Elements().Select(e => KeyValuePair.Create(e.Name.LocalName, AsJson(e))))
        : JsonValue.Create(element.Value);
}
