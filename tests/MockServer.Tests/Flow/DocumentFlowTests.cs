using System.Xml.Linq;
using MockServer.Tests.Support;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.MockServer.Flavours;
using TwoFactorContracts.Testing;

namespace MockServer.Tests.Flow;

/// <summary>A mock of each flavour (seed, today), shared by a test class; each test uses fresh accounts.</summary>
public sealed class BothFlavoursFixture : IAsyncLifetime
{
    private readonly Dictionary<string, TwoFactorMock> _mocks = [];

    public static TheoryData<string> Flavours => ["seed", "today"];

    public static TheoryData<string, bool> FlavoursAndFormats => new() { { "seed", false }, { "seed", true }, { "today", false }, { "today", true } };

    public async Task InitializeAsync()
    {
        foreach (var flavour in new[] { MockFlavour.Seed, MockFlavour.Today })
            _mocks[flavour.ToString().ToLowerInvariant()] = await QuietMock.StartAsync(o => o.Flavour = flavour);
    }

    public async Task DisposeAsync()
    {
        foreach (var mock in _mocks.Values) await mock.DisposeAsync();
    }

    /// <summary>A client of a new account of the flavour's mock, in XML or JSON.</summary>
    public FlowClient NewClient(string flavour, bool xml) => new(ApiClient.ForNewAccount(_mocks[flavour].Host.BaseUrl), xml);
}

/// <summary>
/// Where today's official document speaks about the templates and the PIN flow, the mock answers as it says, in both
/// flavours (the seed page never speaks of them): its XML names (a client written from the document's XML examples
/// works unchanged), ncNeeded's default (true), the resend's ncStatus, a template update that requires nothing, and
/// attemptsRemaining 0 after the right PIN. The old template request root <c>&lt;message&gt;</c> is still read.
/// </summary>
public class DocumentFlowTests(BothFlavoursFixture mocks) : IClassFixture<BothFlavoursFixture>
{
    private const string Reachable = "NC_DESTINATION_REACHABLE";

    [Theory]
    [MemberData(nameof(BothFlavoursFixture.Flavours), MemberType = typeof(BothFlavoursFixture))]
    public async Task A_client_built_from_the_official_documents_XML_examples_runs_the_whole_flow_and_reads_every_answer_by_its_names(string flavour)
    {
        var flow = mocks.NewClient(flavour, xml: true);
        var app = await ApplicationAsync(flow, """ "pinAttempts":3 """);
        var templates = $"/2fa/2/applications/{app}/messages";

        // Create, update, get and list a template with the document's requests; each answer has the document's names.
        var created = Answer(await (await flow.SendAsync(HttpMethod.Post, templates, OfficialXmlExamples.CreateTemplate)).ShouldBeOk(),
            OfficialXmlExamples.CreatedTemplate);
        var messageId = Text(created, "messageId");
        (Text(created, "applicationId"), Text(created, "pinPlaceholder"), Text(created, "pinType"), Text(created, "voiceName"))
            .ShouldBe((app, "{{pin}}", "NUMERIC", "Joanna"));

        var updated = Answer(await (await flow.SendAsync(HttpMethod.Put, $"{templates}/{messageId}", OfficialXmlExamples.UpdateTemplate)).ShouldBeOk(),
            OfficialXmlExamples.UpdatedTemplate);
        (Text(updated, "messageId"), Text(updated, "pinType"), Text(updated, "pinLength")).ShouldBe((messageId, "ALPHANUMERIC", "6"));

        var got = Answer(await (await flow.SendAsync(HttpMethod.Get, $"{templates}/{messageId}", null)).ShouldBeOk(), OfficialXmlExamples.GotTemplate);
        (Text(got, "pinType"), Text(got, "pinLength"), Text(got, "senderId")).ShouldBe(("ALPHANUMERIC", "6", "Infobip 2FA"));

        var listed = Answer(await (await flow.SendAsync(HttpMethod.Get, templates, null)).ShouldBeOk(), OfficialXmlExamples.ListedTemplates);
        listed.Elements().Select(e => e.Name.LocalName).ShouldBe(["item"]);
        Text(listed.Element("item")!, "messageId").ShouldBe(messageId);

        // Send with the document's request (our ids), no ncNeeded: the number is looked up, as the document's answer shows.
        var to = FlowClient.NewNumber();
        var send = WithValues(OfficialXmlExamples.SendPin, ("applicationId", app), ("messageId", messageId), ("to", to));
        var sent = Answer(await (await flow.SendAsync(HttpMethod.Post, FlowClient.PinPath, send)).ShouldBeOk(), OfficialXmlExamples.PinSent);
        var pinId = Text(sent, "pinId");
        (Text(sent, "to"), Text(sent, "ncStatus"), Text(sent, "smsStatus")).ShouldBe((to, Reachable, "MESSAGE_SENT"));
        (await flow.OutboxAsync(pinId: pinId)).Single()!["from"]!.GetValue<string>().ShouldBe("Sender 1");

        var resent = Answer(await (await flow.SendAsync(HttpMethod.Post, $"{FlowClient.PinPath}/{pinId}/resend", OfficialXmlExamples.ResendPin)).ShouldBeOk(),
            OfficialXmlExamples.PinResent);
        (Text(resent, "pinId"), Text(resent, "ncStatus"), Text(resent, "smsStatus")).ShouldBe((pinId, Reachable, "MESSAGE_SENT"));

        // Verify the right PIN with the document's request: the document's answer, verified with attemptsRemaining 0.
        var pin = await flow.PinOfAsync(pinId);
        var verified = Answer(
            await (await flow.SendAsync(HttpMethod.Post, $"{FlowClient.PinPath}/{pinId}/verify", WithValues(OfficialXmlExamples.VerifyPin, ("pin", pin)))).ShouldBeOk(),
            OfficialXmlExamples.PinVerified);
        var documented = XDocument.Parse(OfficialXmlExamples.PinVerified).Root!;
        (Text(verified, "msisdn"), Text(verified, "verified"), Text(verified, "attemptsRemaining"))
            .ShouldBe((to, Text(documented, "verified"), Text(documented, "attemptsRemaining")));

        var status = Answer(await (await flow.StatusAsync(app, $"?msisdn={to}")).ShouldBeOk(), OfficialXmlExamples.VerificationStatus);
        var verification = status.Element("verifications")!.Elements().ShouldHaveSingleItem();
        verification.Name.LocalName.ShouldBe("verifications");
        (Text(verification, "msisdn"), Text(verification, "verified")).ShouldBe((to, "true"));
    }

    [Theory]
    [MemberData(nameof(BothFlavoursFixture.FlavoursAndFormats), MemberType = typeof(BothFlavoursFixture))]
    public async Task A_send_with_no_ncNeeded_answers_ncStatus_and_ncNeeded_false_still_makes_no_lookup(string flavour, bool xml)
    {
        var flow = mocks.NewClient(flavour, xml);
        var app = await ApplicationAsync(flow);
        var template = await flow.CreateTemplateAsync(app);

        var sent = await (await flow.SendPinAsync(app, template, FlowClient.NewNumber())).ShouldBeOk();
        (flow.Read(sent, "ncStatus"), flow.Read(sent, "smsStatus")).ShouldBe((Reachable, "MESSAGE_SENT"));
        flow.Read(await (await flow.SendPinAsync(app, template, FlowClient.NewNumber(), query: "?ncNeeded=true")).ShouldBeOk(), "ncStatus").ShouldBe(Reachable);

        var unlooked = await (await flow.SendPinAsync(app, template, FlowClient.NewNumber(), query: "?ncNeeded=false")).ShouldBeOk();
        (flow.Read(unlooked, "ncStatus"), flow.Read(unlooked, "smsStatus")).ShouldBe((null, "MESSAGE_SENT"));

        // A call has no number lookup status.
        flow.Read(await (await flow.SendPinAsync(app, template, FlowClient.NewNumber(), voice: true)).ShouldBeOk(), "ncStatus").ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(BothFlavoursFixture.FlavoursAndFormats), MemberType = typeof(BothFlavoursFixture))]
    public async Task An_SMS_resend_answers_ncStatus_and_a_voice_resend_none(string flavour, bool xml)
    {
        var flow = mocks.NewClient(flavour, xml);
        var app = await ApplicationAsync(flow);
        var template = await flow.CreateTemplateAsync(app);

        var pinId = flow.Read(await (await flow.SendPinAsync(app, template, FlowClient.NewNumber())).ShouldBeOk(), "pinId")!;
        var resent = await (await flow.ResendAsync(pinId)).ShouldBeOk();
        (flow.Read(resent, "pinId"), flow.Read(resent, "ncStatus"), flow.Read(resent, "smsStatus")).ShouldBe((pinId, Reachable, "MESSAGE_SENT"));

        // A resend takes no ncNeeded: it looks the number up as a send that leaves it out, whatever its send said.
        var unlooked = flow.Read(await (await flow.SendPinAsync(app, template, FlowClient.NewNumber(), query: "?ncNeeded=false")).ShouldBeOk(), "pinId")!;
        flow.Read(await (await flow.ResendAsync(unlooked)).ShouldBeOk(), "ncStatus").ShouldBe(Reachable);

        var called = flow.Read(await (await flow.SendPinAsync(app, template, FlowClient.NewNumber(), voice: true)).ShouldBeOk(), "pinId")!;
        var recalled = await (await flow.ResendAsync(called, voice: true)).ShouldBeOk();
        (flow.Read(recalled, "ncStatus"), flow.Read(recalled, "callStatus")).ShouldBe((null, "PENDING_ACCEPTED"));
    }

    [Theory]
    [MemberData(nameof(BothFlavoursFixture.FlavoursAndFormats), MemberType = typeof(BothFlavoursFixture))]
    public async Task A_partial_template_PUT_keeps_the_rest_and_requires_nothing(string flavour, bool xml)
    {
        var flow = mocks.NewClient(flavour, xml);
        var app = await ApplicationAsync(flow);
        var path = $"/2fa/2/applications/{app}/messages/" + flow.Read(await (await flow.CreateTemplateRawAsync(app,
            ("messageText", "Hi {{name}}, your code is {{pin}}"), ("pinType", "HEX"), ("pinLength", 6), ("language", "de"),
            ("senderId", "Shop"), ("repeatDTMF", "2#"), ("speechRate", 0.75), ("voiceName", "Marlene"))).ShouldBeOk(), "messageId");
        const string root = "UpdateSmsOrVoiceMessageRequest";
        string[] fields = ["messageText", "pinType", "pinLength", "language", "senderId", "repeatDTMF", "speechRate", "voiceName"];
        string?[] Values(string body) => [.. fields.Select(f => flow.Read(body, f))];

        var updated = await (await flow.SendAsync(HttpMethod.Put, path, flow.Body(root, ("pinLength", 8)))).ShouldBeOk();
        if (xml) XDocument.Parse(updated).Root!.Name.LocalName.ShouldBe("SmsOrVoiceMessage");
        string?[] expected = ["Hi {{name}}, your code is {{pin}}", "HEX", "8", "de", "Shop", "2#", "0.75", "Marlene"];
        Values(updated).ShouldBe(expected);
        Values(await (await flow.SendAsync(HttpMethod.Get, path, null)).ShouldBeOk()).ShouldBe(expected);

        // Only the text; then nothing at all (an empty body object, or null fields in JSON): the rest stays.
        Values(await (await flow.SendAsync(HttpMethod.Put, path, flow.Body(root, ("messageText", "{{pin}} is your code")))).ShouldBeOk())
            .ShouldBe(["{{pin}} is your code", .. expected[1..]]);
        var nothing = xml ? $"<{root}/>" : """{"messageText":null,"pinType":null}""";
        Values(await (await flow.SendAsync(HttpMethod.Put, path, nothing)).ShouldBeOk()).ShouldBe(["{{pin}} is your code", .. expected[1..]]);

        // What is sent is still checked, and a refused update changes nothing.
        await (await flow.SendAsync(HttpMethod.Put, path, flow.Body(root, ("messageText", "no placeholder"), ("pinLength", 4))))
            .ShouldBeError(400, "BAD_REQUEST", "[messageText : must contain the {{pin}} placeholder]");
        await (await flow.SendAsync(HttpMethod.Put, path, flow.Body(root, ("pinType", "DIGITS"))))
            .ShouldBeError(400, "BAD_REQUEST", "[pinType : must be one of [NUMERIC, ALPHA, HEX, ALPHANUMERIC]]");
        flow.Read(await (await flow.SendAsync(HttpMethod.Get, path, null)).ShouldBeOk(), "pinLength").ShouldBe("8");

        // A create still requires messageText and pinType.
        await (await flow.CreateTemplateRawAsync(app, ("pinLength", 4))).ShouldBeError(400, "BAD_REQUEST", "[messageText : may not be null, pinType : may not be null]");
    }

    [Theory]
    [MemberData(nameof(BothFlavoursFixture.FlavoursAndFormats), MemberType = typeof(BothFlavoursFixture))]
    public async Task The_right_PIN_answers_attemptsRemaining_0_and_spends_no_attempt(string flavour, bool xml)
    {
        var flow = mocks.NewClient(flavour, xml);
        var app = await ApplicationAsync(flow, """ "pinAttempts":3 """);
        var template = await flow.CreateTemplateAsync(app);
        var pinId = flow.Read(await (await flow.SendPinAsync(app, template, FlowClient.NewNumber())).ShouldBeOk(), "pinId")!;
        var pin = await flow.PinOfAsync(pinId);
        var wrong = FlowClient.WrongPin(pin);

        (await flow.VerifyOkAsync(pinId, wrong)).ShouldBe((false, 2, "WRONG_PIN"));
        (await flow.VerifyOkAsync(pinId, pin)).ShouldBe((true, 0, null));
        // allowMultiplePinVerifications (its default true): it verifies again, and a wrong PIN counts down from what is left.
        (await flow.VerifyOkAsync(pinId, pin)).ShouldBe((true, 0, null));
        (await flow.VerifyOkAsync(pinId, wrong)).ShouldBe((false, 1, "WRONG_PIN"));
    }

    [Theory]
    [MemberData(nameof(BothFlavoursFixture.Flavours), MemberType = typeof(BothFlavoursFixture))]
    public async Task The_old_message_root_is_still_read_for_a_template_create_and_update(string flavour)
    {
        var flow = mocks.NewClient(flavour, xml: true);
        var app = await ApplicationAsync(flow);
        var templates = $"/2fa/2/applications/{app}/messages";

        var created = XDocument.Parse(await (await flow.SendAsync(HttpMethod.Post, templates,
            "<message><messageText>Old root {{pin}}</messageText><pinType>ALPHA</pinType></message>")).ShouldBeOk()).Root!;
        created.Name.LocalName.ShouldBe("SmsOrVoiceMessage", "answered in the document's names");
        (Text(created, "messageText"), Text(created, "pinType")).ShouldBe(("Old root {{pin}}", "ALPHA"));
        var path = $"{templates}/{Text(created, "messageId")}";

        var updated = XDocument.Parse(await (await flow.SendAsync(HttpMethod.Put, path, "<message><pinLength>7</pinLength></message>")).ShouldBeOk()).Root!;
        (updated.Name.LocalName, Text(updated, "pinLength"), Text(updated, "pinType")).ShouldBe(("SmsOrVoiceMessage", "7", "ALPHA"));

        // Another root is refused, naming the roots read; the create's roots are not the update's.
        await (await flow.SendAsync(HttpMethod.Post, templates, "<request><messageText>{{pin}}</messageText><pinType>HEX</pinType></request>"))
            .ShouldBeError(400, "BAD_REQUEST", "Malformed XML request body: the root element must be one of <CreateSmsOrVoiceMessageRequest>, <message>");
        await (await flow.SendAsync(HttpMethod.Put, path, "<CreateSmsOrVoiceMessageRequest><pinLength>5</pinLength></CreateSmsOrVoiceMessageRequest>"))
            .ShouldBeError(400, "BAD_REQUEST", "Malformed XML request body: the root element must be one of <UpdateSmsOrVoiceMessageRequest>, <message>");
    }

    /// <summary>An application of a new account: 200 in the seed flavour, 201 in today's; limits high enough for one test.</summary>
    private static async Task<string> ApplicationAsync(FlowClient flow, string configuration = "")
    {
        var settings = string.Join(",", new[] { configuration.Trim(), "\"verifyPinLimit\":\"1000/1s\"", "\"sendPinPerPhoneNumberLimit\":\"1000/1s\"" }
            .Where(s => s.Length > 0));
        var response = await flow.Api.PostJsonAsync("{\"name\":\"document client\",\"configuration\":{" + settings + "}}");
        var body = await response.Content.ReadAsStringAsync();
        new[] { 200, 201 }.ShouldContain((int)response.StatusCode, body);
        return Bodies.Json(body)["applicationId"]!.GetValue<string>();
    }

    /// <summary>
    /// The answer's root, after checking it has the document's example's shape: the same root, and every element the
    /// example shows (for a list, its first item's), at the same place. Values are the test's to check.
    /// </summary>
    private static XElement Answer(string body, string documentExample)
    {
        var answer = XDocument.Parse(body).Root!;
        SameShape(answer, XDocument.Parse(documentExample).Root!, "");
        return answer;
    }

    private static void SameShape(XElement answer, XElement example, string path)
    {
        var here = $"{path}/{example.Name.LocalName}";
        answer.Name.LocalName.ShouldBe(example.Name.LocalName, $"the element at {path}/ is named as in today's document");
        foreach (var child in example.Elements().GroupBy(e => e.Name.LocalName).Select(g => g.First()))
        {
            var counterpart = answer.Element(child.Name.LocalName);
            counterpart.ShouldNotBeNull($"{here} has <{child.Name.LocalName}> as in today's document");
            if (child.HasElements) SameShape(counterpart, child, here);
        }
    }

    private static string Text(XElement element, string name) =>
        element.Element(name)?.Value ?? throw new ShouldAssertException($"<{element.Name.LocalName}> has no <{name}>");

    /// <summary>A document example with the values of some of its elements replaced (our ids, the PIN sent).</summary>
    private static string WithValues(string example, params (string Name, string Value)[] values)
    {
        var document = XDocument.Parse(example);
        foreach (var (name, value) in values)
            (document.Root!.Element(name) ?? throw new ArgumentException($"the example has no <{name}>")).Value = value;
        return document.ToString(SaveOptions.DisableFormatting);
    }
}
