using System.Text.RegularExpressions;
using System.Xml.Linq;
using MockServer.Tests.Support;

namespace MockServer.Tests.Flow;

/// <summary>
/// <c>trackDelivery: true</c> in a send or resend body (SMS or voice) adds <c>externalMessageId</c> to the answer, a new
/// lower-case UUID for each message (decision track-delivery-message-id); without it, or with false, there is none.
/// </summary>
public partial class TrackDeliveryTests(BothFlavoursFixture mocks) : IClassFixture<BothFlavoursFixture>
{
    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex LowerCaseUuid();

    [Theory]
    [MemberData(nameof(BothFlavoursFixture.FlavoursAndFormats), MemberType = typeof(BothFlavoursFixture))]
    public async Task A_tracked_send_and_resend_answer_an_externalMessageId_of_their_own_and_others_none(string flavour, bool xml)
    {
        var flow = mocks.NewClient(flavour, xml);
        var app = await flow.CreateApplicationAsync();
        var template = await flow.CreateTemplateAsync(app);
        foreach (var voice in new[] { false, true })
        {
            var sent = await (await flow.SendPinAsync(app, template, FlowClient.NewNumber(), voice, trackDelivery: true)).ShouldBeOk();
            var sentId = flow.Read(sent, "externalMessageId");
            LowerCaseUuid().IsMatch(sentId ?? "").ShouldBeTrue($"a tracked {(voice ? "call" : "SMS")} answers a UUID, not '{sentId}'");
            var pinId = flow.Read(sent, "pinId")!;

            var resent = await (await flow.ResendAsync(pinId, voice, trackDelivery: true)).ShouldBeOk();
            var resentId = flow.Read(resent, "externalMessageId");
            LowerCaseUuid().IsMatch(resentId ?? "").ShouldBeTrue();
            resentId.ShouldNotBe(sentId, "each message has its own id");

            // Without it (no body, or false) and with false on a send: no externalMessageId.
            flow.Read(await (await flow.ResendAsync(pinId, voice)).ShouldBeOk(), "externalMessageId").ShouldBeNull();
            flow.Read(await (await flow.ResendAsync(pinId, voice, trackDelivery: false)).ShouldBeOk(), "externalMessageId").ShouldBeNull();
            flow.Read(await (await flow.SendPinAsync(app, template, FlowClient.NewNumber(), voice)).ShouldBeOk(), "externalMessageId").ShouldBeNull();
            flow.Read(await (await flow.SendPinAsync(app, template, FlowClient.NewNumber(), voice, trackDelivery: false)).ShouldBeOk(), "externalMessageId")
                .ShouldBeNull();
        }
    }

    [Theory]
    [MemberData(nameof(BothFlavoursFixture.FlavoursAndFormats), MemberType = typeof(BothFlavoursFixture))]
    public async Task A_trackDelivery_that_is_no_boolean_is_refused(string flavour, bool xml)
    {
        var flow = mocks.NewClient(flavour, xml);
        var app = await flow.CreateApplicationAsync();
        var body = flow.Body("StartAuthenticationRequest", ("applicationId", app), ("messageId", await flow.CreateTemplateAsync(app)),
            ("to", FlowClient.NewNumber()), ("trackDelivery", "yes"));
        await (await flow.SendAsync(HttpMethod.Post, FlowClient.PinPath, body)).ShouldBeError(400, "BAD_REQUEST", "[trackDelivery : must be a boolean]");
    }

    [Theory]
    [MemberData(nameof(BothFlavoursFixture.Flavours), MemberType = typeof(BothFlavoursFixture))]
    public async Task The_official_documents_send_with_delivery_report_answers_as_its_example_does(string flavour)
    {
        var flow = mocks.NewClient(flavour, xml: true);
        var app = await flow.CreateApplicationAsync();
        var request = XDocument.Parse(OfficialXmlExamples.SendPinWithDeliveryReport);
        request.Root!.Element("applicationId")!.Value = app;
        request.Root.Element("messageId")!.Value = await flow.CreateTemplateAsync(app);
        request.Root.Element("to")!.Value = FlowClient.NewNumber();

        var answer = XDocument.Parse(await (await flow.SendAsync(HttpMethod.Post, FlowClient.PinPath, request.ToString(SaveOptions.DisableFormatting)))
            .ShouldBeOk()).Root!;
        var documented = XDocument.Parse(OfficialXmlExamples.PinSentWithDeliveryReport).Root!;
        answer.Name.LocalName.ShouldBe(documented.Name.LocalName);
        answer.Elements().Select(e => e.Name.LocalName).ShouldBe(documented.Elements().Select(e => e.Name.LocalName));
        LowerCaseUuid().IsMatch(documented.Element("externalMessageId")!.Value).ShouldBeTrue("the form the mock issues is the example's");
        LowerCaseUuid().IsMatch(answer.Element("externalMessageId")!.Value).ShouldBeTrue();
    }
}
