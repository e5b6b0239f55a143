using System.Text.Json.Nodes;
using System.Xml.Linq;
using MockServer.Tests.Support;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.MockServer.Flavours;
using TwoFactorContracts.MockServer.Throttling;
using TwoFactorContracts.Testing;

namespace MockServer.Tests.Flow;

/// <summary>
/// Email, the third channel (issue 21): email templates beside SMS and voice templates, a PIN sent and resent over
/// email, read in the outbox, verified, and the email address's verification status; the same configuration rules as
/// SMS (attempts, time to live, limits per application and per address, a disabled application); both flavours, JSON
/// and XML; the document's XML examples unchanged.
/// </summary>
public class EmailFlowTests(BothFlavoursFixture mocks) : IClassFixture<BothFlavoursFixture>
{
    [Theory]
    [MemberData(nameof(BothFlavoursFixture.FlavoursAndFormats), MemberType = typeof(BothFlavoursFixture))]
    public async Task An_email_template_sends_a_PIN_the_outbox_shows_and_a_verify_turns_the_addresses_status_verified(string flavour, bool xml)
    {
        var flow = mocks.NewClient(flavour, xml);
        var app = await flow.CreateApplicationAsync(""" "pinAttempts":3 """);
        var messageId = await flow.CreateEmailTemplateAsync(app, pinLength: 6);
        var to = FlowClient.NewAddress();

        var sent = await (await flow.SendEmailPinAsync(app, messageId, to, new Dictionary<string, string> { ["firstName"] = "John" })).ShouldBeOk();
        var pinId = flow.Read(sent, "pinId")!;
        flow.Read(sent, "to").ShouldBe(to);
        EmailStatus(flow, sent).ShouldBe(("PENDING_ACCEPTED", "Message accepted, pending for delivery."));
        if (xml) XDocument.Parse(sent).Root!.Name.LocalName.ShouldBe("StartEmailAuthenticationResponse");
        flow.Read(sent, "smsStatus").ShouldBeNull();
        flow.Read(sent, "ncStatus").ShouldBeNull();

        var email = (await flow.OutboxAsync(to: to)).ShouldHaveSingleItem()!;
        (email["channel"]!.GetValue<string>(), email["from"]!.GetValue<string>(), email["pinId"]!.GetValue<string>()).ShouldBe(("email", "company@example.com", pinId));
        var pin = email["pin"]!.GetValue<string>();
        pin.Length.ShouldBe(6);
        email["text"]!.GetValue<string>().ShouldBe($"Email template 1234 with PIN {pin}; firstName: John");

        var before = await (await flow.StatusAsync(app, $"?msisdn={Uri.EscapeDataString(to)}")).ShouldBeOk();
        flow.Verifications(before).ShouldHaveSingleItem().Verified.ShouldBeFalse();
        (await flow.VerifyOkAsync(pinId, FlowClient.WrongPin(pin))).ShouldBe((false, 2, "WRONG_PIN"));
        (await flow.VerifyOkAsync(pinId, pin)).ShouldBe((true, 0, (string?)null));
        var status = flow.Verifications(await (await flow.StatusAsync(app, $"?msisdn={Uri.EscapeDataString(to)}")).ShouldBeOk()).ShouldHaveSingleItem();
        (status.Msisdn, status.Verified, status.VerifiedAt is not null).ShouldBe((to, true, true));
    }

    [Theory]
    [MemberData(nameof(BothFlavoursFixture.FlavoursAndFormats), MemberType = typeof(BothFlavoursFixture))]
    public async Task Email_templates_are_listed_and_got_beside_SMS_templates_and_a_partial_update_keeps_the_rest(string flavour, bool xml)
    {
        var flow = mocks.NewClient(flavour, xml);
        var app = await flow.CreateApplicationAsync();
        var sms = await flow.CreateTemplateAsync(app);
        var email = await flow.CreateEmailTemplateAsync(app, emailTemplateId: 9_000_000_001);
        var templates = $"/2fa/2/applications/{app}/messages";

        var got = await (await flow.SendAsync(HttpMethod.Get, $"{templates}/{email}", null)).ShouldBeOk();
        (flow.Read(got, "emailTemplateId"), flow.Read(got, "from"), flow.Read(got, "landingPageId"), flow.Read(got, "messageText"))
            .ShouldBe(("9000000001", "company@example.com", "1_23456", (string?)null));
        var list = await (await flow.SendAsync(HttpMethod.Get, templates, null)).ShouldBeOk();
        Ids(list, xml).ShouldBe([sms, email]);

        var updated = await (await flow.SendAsync(HttpMethod.Put, $"/2fa/2/applications/{app}/email/messages/{email}",
            flow.Body("UpdateEmailMessageRequest", ("pinLength", 8)))).ShouldBeOk();
        if (xml) XDocument.Parse(updated).Root!.Name.LocalName.ShouldBe("EmailMessage");
        (flow.Read(updated, "pinLength"), flow.Read(updated, "emailTemplateId"), flow.Read(updated, "pinType"), flow.Read(updated, "pinPlaceholder"))
            .ShouldBe(("8", "9000000001", "NUMERIC", (string?)null));

        // An update reaches its own channel's templates only.
        await (await flow.SendAsync(HttpMethod.Put, $"/2fa/2/applications/{app}/email/messages/{sms}", flow.Body("UpdateEmailMessageRequest", ("pinLength", 8))))
            .ShouldBeError(404, "NOT_FOUND", "Message template not found.");
        await (await flow.SendAsync(HttpMethod.Put, $"{templates}/{email}", flow.Body("UpdateSmsOrVoiceMessageRequest", ("pinLength", 8))))
            .ShouldBeError(404, "NOT_FOUND", "Message template not found.");
    }

    [Theory]
    [MemberData(nameof(BothFlavoursFixture.Flavours), MemberType = typeof(BothFlavoursFixture))]
    public async Task A_send_or_resend_names_a_template_of_its_own_channel(string flavour)
    {
        var flow = mocks.NewClient(flavour, xml: false);
        var app = await flow.CreateApplicationAsync();
        var sms = await flow.CreateTemplateAsync(app);
        var email = await flow.CreateEmailTemplateAsync(app);
        var address = FlowClient.NewAddress();

        await (await flow.SendEmailPinAsync(app, sms, address)).ShouldBeError(400, "BAD_REQUEST", "Message template is not an email template.");
        await (await flow.SendPinAsync(app, email, FlowClient.NewNumber())).ShouldBeError(400, "BAD_REQUEST", "Message template is not an SMS or voice template.");
        var smsPin = await flow.SendAsync(app, sms, FlowClient.NewNumber());
        await (await flow.ResendEmailAsync(smsPin)).ShouldBeError(400, "BAD_REQUEST", "Message template is not an email template.");
        (await flow.OutboxAsync(to: address)).ShouldBeEmpty();

        await (await flow.SendEmailPinAsync(app, email, "not-an-address")).ShouldBeError(400, "BAD_REQUEST", "[to : must be an email address]");
        await (await flow.SendAsync(HttpMethod.Post, $"/2fa/2/applications/{app}/email/messages", flow.Body("CreateEmailMessageRequest", ("pinLength", 4))))
            .ShouldBeError(400, "BAD_REQUEST", "[emailTemplateId : may not be null]");
    }

    [Theory]
    [MemberData(nameof(BothFlavoursFixture.Flavours), MemberType = typeof(BothFlavoursFixture))]
    public async Task The_limits_count_per_email_address_and_resends_count_like_sends(string flavour)
    {
        var flow = mocks.NewClient(flavour, xml: false);
        var app = await flow.CreateApplicationAsync(""" "sendPinPerPhoneNumberLimit":"2/1d", "sendPinPerApplicationLimit":"4/1d" """);
        var email = await flow.CreateEmailTemplateAsync(app);
        var (first, second) = (FlowClient.NewAddress(), FlowClient.NewAddress());

        var pinId = flow.Read(await (await flow.SendEmailPinAsync(app, email, first)).ShouldBeOk(), "pinId")!;
        await (await flow.ResendEmailAsync(pinId)).ShouldBeOk();
        await (await flow.SendEmailPinAsync(app, email, first)).ShouldBeError(429, "TOO_MANY_REQUESTS", "Too many PIN requests for this phone number.");
        await (await flow.ResendEmailAsync(pinId)).ShouldBeError(429, "TOO_MANY_REQUESTS", "Too many PIN requests for this phone number.");
        (await flow.OutboxAsync(to: first)).Count.ShouldBe(2);

        // Another address has its own count; the application's limit counts every address.
        await (await flow.SendEmailPinAsync(app, email, second)).ShouldBeOk();
        await (await flow.SendEmailPinAsync(app, email, second)).ShouldBeOk();
        await (await flow.SendEmailPinAsync(app, email, FlowClient.NewAddress()))
            .ShouldBeError(429, "TOO_MANY_REQUESTS", "Too many PIN requests for this application.");
    }

    [Theory]
    [MemberData(nameof(BothFlavoursFixture.Flavours), MemberType = typeof(BothFlavoursFixture))]
    public async Task An_email_PIN_expires_runs_out_of_attempts_and_a_disabled_application_sends_none(string flavour)
    {
        var flow = mocks.NewClient(flavour, xml: false);
        var app = await flow.CreateApplicationAsync(""" "pinAttempts":1, "pinTimeToLive":"10m" """);
        var email = await flow.CreateEmailTemplateAsync(app);
        var to = FlowClient.NewAddress();

        var spent = flow.Read(await (await flow.SendEmailPinAsync(app, email, to)).ShouldBeOk(), "pinId")!;
        var pin = await flow.PinOfAsync(spent);
        (await flow.VerifyOkAsync(spent, FlowClient.WrongPin(pin))).ShouldBe((false, 0, "WRONG_PIN"));
        (await flow.VerifyOkAsync(spent, pin)).ShouldBe((false, 0, "NO_MORE_PIN_ATTEMPTS"));

        var expiring = flow.Read(await (await flow.SendEmailPinAsync(app, email, to)).ShouldBeOk(), "pinId")!;
        await flow.AdvanceAsync("11m");
        (await flow.VerifyOkAsync(expiring, await flow.PinOfAsync(expiring))).PinError.ShouldBe("TTL_EXPIRED");

        await flow.UpdateApplicationAsync(app, """ "pinAttempts":1 """, enabled: false);
        await (await flow.SendEmailPinAsync(app, email, to)).ShouldBeError(400, "BAD_REQUEST", "Application is disabled.");
        await (await flow.ResendEmailAsync(expiring)).ShouldBeError(400, "BAD_REQUEST", "Application is disabled.");
    }

    [Theory]
    [MemberData(nameof(BothFlavoursFixture.Flavours), MemberType = typeof(BothFlavoursFixture))]
    public async Task The_documents_XML_examples_create_an_email_template_and_send_over_email_with_the_documents_names(string flavour)
    {
        var flow = mocks.NewClient(flavour, xml: true);
        var app = await flow.CreateApplicationAsync();
        var created = XDocument.Parse(await (await flow.SendAsync(HttpMethod.Post, $"/2fa/2/applications/{app}/email/messages",
            OfficialXmlExamples.CreateEmailTemplate)).ShouldBeOk()).Root!;
        created.Name.LocalName.ShouldBe("EmailMessage");
        created.Elements().Select(e => e.Name.LocalName).Order().ShouldBe(["applicationId", "emailTemplateId", "from", "landingPageId", "messageId", "pinLength", "pinType"]);
        (created.Element("applicationId")!.Value, created.Element("emailTemplateId")!.Value, created.Element("landingPageId")!.Value).ShouldBe((app, "1234", "1_23456"));
        var messageId = created.Element("messageId")!.Value;

        var updated = XDocument.Parse(await (await flow.SendAsync(HttpMethod.Put, $"/2fa/2/applications/{app}/email/messages/{messageId}",
            OfficialXmlExamples.UpdateEmailTemplate)).ShouldBeOk()).Root!;
        (updated.Element("pinType")!.Value, updated.Element("pinLength")!.Value).ShouldBe(("ALPHANUMERIC", "6"));

        var send = XDocument.Parse(OfficialXmlExamples.SendEmailPin);
        send.Root!.Element("applicationId")!.Value = app;
        send.Root.Element("messageId")!.Value = messageId;
        var sent = XDocument.Parse(await (await flow.SendAsync(HttpMethod.Post, "/2fa/2/pin/email", send.ToString())).ShouldBeOk()).Root!;
        sent.Name.LocalName.ShouldBe("StartEmailAuthenticationResponse");
        sent.Element("emailStatus")!.Element("name")!.Value.ShouldBe("PENDING_ACCEPTED");
        var pinId = sent.Element("pinId")!.Value;
        var resent = XDocument.Parse(await (await flow.SendAsync(HttpMethod.Post, $"/2fa/2/pin/{pinId}/resend/email",
            OfficialXmlExamples.ResendEmailPin)).ShouldBeOk()).Root!;
        resent.Element("pinId")!.Value.ShouldBe(pinId);
        (await flow.OutboxAsync(pinId: pinId)).Select(m => m!["text"]!.GetValue<string>().Split(';')[0]).Distinct().ShouldHaveSingleItem()
            .ShouldBe($"Email template 1234 with PIN {await flow.PinOfAsync(pinId)}");
        (await flow.PinOfAsync(pinId)).Length.ShouldBe(6);
    }

    [Fact]
    public async Task Throttle_real_allows_the_documents_20_email_template_creates_and_40_updates_per_10_minutes()
    {
        var contract = ContractDocument.Load();
        var (creates, updates) = (contract.Operation("createEmailMessageTemplate").Throttling!, contract.Operation("updateEmailMessageTemplate").Throttling!);
        (creates.Requests, creates.Window, updates.Requests, updates.Window).ShouldBe((20, TimeSpan.FromMinutes(10), 40, TimeSpan.FromMinutes(10)));
        await using var mock = await QuietMock.StartAsync(o => o.Throttle = ThrottleSpec.Parse("real"));
        var flow = new FlowClient(ApiClient.ForNewAccount(mock.Host.BaseUrl), xml: false);
        var app = await flow.CreateApplicationAsync();
        string? messageId = null;
        for (var i = 0; i < creates.Requests; i++) messageId = await flow.CreateEmailTemplateAsync(app);
        await (await flow.SendAsync(HttpMethod.Post, $"/2fa/2/applications/{app}/email/messages", flow.Body("x", ("emailTemplateId", 1))))
            .ShouldBeError(429, "TOO_MANY_REQUESTS");
        var update = $"/2fa/2/applications/{app}/email/messages/{messageId}";
        for (var i = 0; i < updates.Requests; i++) await (await flow.SendAsync(HttpMethod.Put, update, flow.Body("x", ("pinLength", 5)))).ShouldBeOk();
        await (await flow.SendAsync(HttpMethod.Put, update, flow.Body("x", ("pinLength", 5)))).ShouldBeError(429, "TOO_MANY_REQUESTS");
    }

    private static (string?, string?) EmailStatus(FlowClient flow, string body)
    {
        if (flow.Xml)
        {
            var status = XDocument.Parse(body).Root!.Element("emailStatus")!;
            return (status.Element("name")?.Value, status.Element("description")?.Value);
        }
        var node = JsonNode.Parse(body)!["emailStatus"]!;
        return (node["name"]?.GetValue<string>(), node["description"]?.GetValue<string>());
    }

    private static List<string> Ids(string list, bool xml) => xml
        ? [.. XDocument.Parse(list).Root!.Elements("item").Select(i => i.Element("messageId")!.Value)]
        : [.. JsonNode.Parse(list)!.AsArray().Select(t => t!["messageId"]!.GetValue<string>())];
}
