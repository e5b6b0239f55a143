using System.Text.Json.Nodes;
using System.Xml.Linq;
using MockServer.Tests.Support;
using TwoFactorContracts.MockServer;

namespace MockServer.Tests.Flow;

/// <summary>One mock whose clock moves only when a test advances it (tests in a class run one after another).</summary>
public sealed class ManualClockFixture : MockFixture
{
    protected override MockServerOptions Options() =>
        QuietMock.Options(o => o.ClockMode = TwoFactorContracts.MockServer.Flow.ClockMode.Manual);

    public FlowClient NewClient(bool xml) => new(NewAccount(), xml);
}

/// <summary>
/// The PIN flow over HTTP through a real in-process mock, in JSON and in XML: every rule of the application's
/// configuration, with the PIN read from the outbox and time moved by the mock's clock (never a sleep).
/// </summary>
public class FlowHttpTests(ManualClockFixture mock) : IClassFixture<ManualClockFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_journey_sends_a_pin_a_wrong_pin_lowers_the_attempts_and_the_right_one_verifies(bool xml)
    {
        var flow = mock.NewClient(xml);
        var app = await flow.CreateApplicationAsync(""" "pinAttempts":3 """);
        var template = await flow.CreateTemplateAsync(app, "Hi {{name}}, your code is {{pin}}", pinLength: 6);
        var to = FlowClient.NewNumber();

        var sent = await (await flow.SendPinAsync(app, template, to, placeholders: new Dictionary<string, string> { ["name"] = "Ann" })).ShouldBeOk();
        if (xml) XDocument.Parse(sent).Root!.Name.LocalName.ShouldBe("StartAuthenticationResponse");
        var pinId = flow.Read(sent, "pinId")!;
        flow.Read(sent, "to").ShouldBe(to);
        flow.Read(sent, "smsStatus").ShouldBe("MESSAGE_SENT");
        flow.Read(sent, "ncStatus").ShouldBe("NC_DESTINATION_REACHABLE", "ncNeeded left out is true: the number is looked up");

        var outbox = await flow.OutboxAsync(to);
        outbox.Count.ShouldBe(1);
        var pin = outbox[0]!["pin"]!.GetValue<string>();
        pin.Length.ShouldBe(6);
        pin.ShouldAllBe(c => char.IsAsciiDigit(c));
        outbox[0]!["text"]!.GetValue<string>().ShouldBe($"Hi Ann, your code is {pin}");
        outbox[0]!["pinId"]!.GetValue<string>().ShouldBe(pinId);

        (await flow.VerifyOkAsync(pinId, FlowClient.WrongPin(pin))).ShouldBe((false, 2, "WRONG_PIN"));
        (await flow.VerifyOkAsync(pinId, pin)).ShouldBe((true, 0, null));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task After_pinAttempts_wrong_pins_no_attempts_remain_and_the_right_pin_no_longer_verifies(bool xml)
    {
        var flow = mock.NewClient(xml);
        var app = await flow.CreateApplicationAsync(""" "pinAttempts":2 """);
        var pinId = await flow.SendAsync(app, await flow.CreateTemplateAsync(app), FlowClient.NewNumber());
        var pin = await flow.PinOfAsync(pinId);
        var wrong = FlowClient.WrongPin(pin);

        (await flow.VerifyOkAsync(pinId, wrong)).ShouldBe((false, 1, "WRONG_PIN"));
        (await flow.VerifyOkAsync(pinId, wrong)).ShouldBe((false, 0, "WRONG_PIN"));
        (await flow.VerifyOkAsync(pinId, wrong)).ShouldBe((false, 0, "NO_MORE_PIN_ATTEMPTS"));
        (await flow.VerifyOkAsync(pinId, pin)).ShouldBe((false, 0, "NO_MORE_PIN_ATTEMPTS"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_pin_expires_after_pinTimeToLive_on_the_mock_clock(bool xml)
    {
        var flow = mock.NewClient(xml);
        var app = await flow.CreateApplicationAsync(""" "pinTimeToLive":"10m" """);
        var template = await flow.CreateTemplateAsync(app);
        var early = await flow.SendAsync(app, template, FlowClient.NewNumber());
        var late = await flow.SendAsync(app, template, FlowClient.NewNumber());

        await flow.AdvanceAsync("9m");
        (await flow.VerifyOkAsync(early, await flow.PinOfAsync(early))).Verified.ShouldBeTrue("9 of 10 minutes: still alive");
        await flow.AdvanceAsync("1m");
        var expired = await flow.VerifyOkAsync(late, await flow.PinOfAsync(late));
        (expired.Verified, expired.PinError).ShouldBe((false, "TTL_EXPIRED"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_verified_pin_verifies_again_only_when_allowMultiplePinVerifications_is_true(bool xml)
    {
        var flow = mock.NewClient(xml);
        foreach (var allowed in new[] { false, true })
        {
            var app = await flow.CreateApplicationAsync($""" "allowMultiplePinVerifications":{(allowed ? "true" : "false")} """);
            var pinId = await flow.SendAsync(app, await flow.CreateTemplateAsync(app), FlowClient.NewNumber());
            var pin = await flow.PinOfAsync(pinId);
            (await flow.VerifyOkAsync(pinId, pin)).Verified.ShouldBeTrue();
            var again = await flow.VerifyOkAsync(pinId, pin);
            if (allowed) again.Verified.ShouldBeTrue("multiple verifications allowed");
            else again.ShouldBe((false, 0, "NO_MORE_PIN_ATTEMPTS"));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Verifies_beyond_verifyPinLimit_per_phone_number_are_refused_with_429_and_spend_no_attempt(bool xml)
    {
        var flow = mock.NewClient(xml);
        var app = await flow.CreateApplicationAsync(""" "verifyPinLimit":"2/1h", "pinTimeToLive":"1d" """);
        var pinId = await flow.SendAsync(app, await flow.CreateTemplateAsync(app), FlowClient.NewNumber());
        var pin = await flow.PinOfAsync(pinId);

        (await flow.VerifyOkAsync(pinId, FlowClient.WrongPin(pin))).ShouldBe((false, 9, "WRONG_PIN"));
        (await flow.VerifyOkAsync(pinId, FlowClient.WrongPin(pin))).ShouldBe((false, 8, "WRONG_PIN"));
        await (await flow.VerifyAsync(pinId, pin)).ShouldBeError(429, "TOO_MANY_REQUESTS", "Too many verification requests for this phone number.");

        await flow.AdvanceAsync("1h");
        (await flow.VerifyOkAsync(pinId, pin)).ShouldBe((true, 0, null));
        (await flow.VerifyOkAsync(pinId, FlowClient.WrongPin(pin))).ShouldBe((false, 7, "WRONG_PIN"), "the refused verify and the right PIN spent none");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sends_beyond_sendPinPerApplicationLimit_are_refused_with_429_and_send_nothing(bool xml)
    {
        var flow = mock.NewClient(xml);
        var app = await flow.CreateApplicationAsync(""" "sendPinPerApplicationLimit":"2/1h" """);
        var template = await flow.CreateTemplateAsync(app);
        var first = await flow.SendAsync(app, template, FlowClient.NewNumber());
        (await flow.ResendAsync(first)).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, "a resend counts too");

        var refused = FlowClient.NewNumber();
        await (await flow.SendPinAsync(app, template, refused)).ShouldBeError(429, "TOO_MANY_REQUESTS", "Too many PIN requests for this application.");
        (await flow.OutboxAsync(refused)).Count.ShouldBe(0);

        await flow.AdvanceAsync("1h");
        await (await flow.SendPinAsync(app, template, refused)).ShouldBeOk();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sends_beyond_sendPinPerPhoneNumberLimit_are_refused_for_that_number_only(bool xml)
    {
        var flow = mock.NewClient(xml);
        var app = await flow.CreateApplicationAsync(""" "sendPinPerPhoneNumberLimit":"1/1h" """);
        var template = await flow.CreateTemplateAsync(app);
        var limited = FlowClient.NewNumber();
        await flow.SendAsync(app, template, limited);

        await (await flow.SendPinAsync(app, template, limited)).ShouldBeError(429, "TOO_MANY_REQUESTS", "Too many PIN requests for this phone number.");
        (await flow.OutboxAsync(limited)).Count.ShouldBe(1);
        await (await flow.SendPinAsync(app, template, FlowClient.NewNumber())).ShouldBeOk();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_disabled_application_sends_nothing_and_a_pin_sent_before_still_verifies(bool xml)
    {
        var flow = mock.NewClient(xml);
        var app = await flow.CreateApplicationAsync();
        var template = await flow.CreateTemplateAsync(app);
        var before = await flow.SendAsync(app, template, FlowClient.NewNumber());

        await flow.UpdateApplicationAsync(app, "", enabled: false);
        var to = FlowClient.NewNumber();
        await (await flow.SendPinAsync(app, template, to)).ShouldBeError(400, "BAD_REQUEST", "Application is disabled.");
        await (await flow.SendPinAsync(app, template, to, voice: true)).ShouldBeError(400, "BAD_REQUEST", "Application is disabled.");
        await (await flow.ResendAsync(before)).ShouldBeError(400, "BAD_REQUEST", "Application is disabled.");
        (await flow.OutboxAsync(to)).Count.ShouldBe(0);
        (await flow.VerifyOkAsync(before, await flow.PinOfAsync(before))).Verified.ShouldBeTrue();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_configuration_change_applies_to_what_comes_next_and_never_rewrites_history(bool xml)
    {
        var flow = mock.NewClient(xml);
        var app = await flow.CreateApplicationAsync(""" "pinAttempts":3, "pinTimeToLive":"10m" """);
        var pinId = await flow.SendAsync(app, await flow.CreateTemplateAsync(app), FlowClient.NewNumber());
        var pin = await flow.PinOfAsync(pinId);
        (await flow.VerifyOkAsync(pinId, FlowClient.WrongPin(pin))).ShouldBe((false, 2, "WRONG_PIN"));

        // More attempts apply to the next verify (the wrong one already spent stays spent); a longer TTL does not
        // move the expiry fixed at send.
        await flow.UpdateApplicationAsync(app, """ "pinAttempts":5, "pinTimeToLive":"1h" """);
        (await flow.VerifyOkAsync(pinId, FlowClient.WrongPin(pin))).ShouldBe((false, 3, "WRONG_PIN"));
        await flow.AdvanceAsync("10m");
        (await flow.VerifyOkAsync(pinId, pin)).PinError.ShouldBe("TTL_EXPIRED");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_verification_status_lists_what_happened_with_the_mock_clock_times(bool xml)
    {
        var flow = mock.NewClient(xml);
        var app = await flow.CreateApplicationAsync();
        var template = await flow.CreateTemplateAsync(app);
        var to = FlowClient.NewNumber();
        var sentAt = await flow.NowAsync();
        var first = await flow.SendAsync(app, template, to);
        await flow.AdvanceAsync("1m");
        await flow.SendAsync(app, template, to);
        await flow.AdvanceAsync("30s");
        (await flow.VerifyOkAsync(first, await flow.PinOfAsync(first))).Verified.ShouldBeTrue();

        var all = flow.Verifications(await (await flow.StatusAsync(app, $"?msisdn={to}")).ShouldBeOk());
        all.ShouldBe([(to, true, sentAt + 90_000, sentAt), (to, false, null, sentAt + 60_000)]);
        flow.Verifications(await (await flow.StatusAsync(app, $"/?msisdn={to}&verified=false")).ShouldBeOk())
            .ShouldBe([(to, false, null, sentAt + 60_000)]);
        flow.Verifications(await (await flow.StatusAsync(app, $"?msisdn={FlowClient.NewNumber()}")).ShouldBeOk()).ShouldBeEmpty();
        await (await flow.StatusAsync(app, "")).ShouldBeError(400, "BAD_REQUEST", "[msisdn : may not be null]");
        await (await flow.StatusAsync(app, $"?msisdn={to}&verified=maybe")).ShouldBeError(400, "BAD_REQUEST", "[verified : must be a boolean]");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_resend_sends_the_same_pin_again_and_voice_answers_with_a_call_status(bool xml)
    {
        var flow = mock.NewClient(xml);
        var app = await flow.CreateApplicationAsync();
        var template = await flow.CreateTemplateAsync(app, pinType: "ALPHA", pinLength: 5);
        var to = FlowClient.NewNumber();
        var voice = await (await flow.SendPinAsync(app, template, to, voice: true)).ShouldBeOk();
        flow.Read(voice, "callStatus").ShouldBe("PENDING_ACCEPTED");
        flow.Read(voice, "smsStatus").ShouldBeNull();
        var pinId = flow.Read(voice, "pinId")!;

        var resent = await (await flow.ResendAsync(pinId)).ShouldBeOk();
        flow.Read(resent, "pinId").ShouldBe(pinId);
        flow.Read(resent, "smsStatus").ShouldBe("MESSAGE_SENT");
        var outbox = await flow.OutboxAsync(to);
        outbox.Select(m => m!["channel"]!.GetValue<string>()).ShouldBe(["voice", "sms"]);
        outbox[0]!["pin"]!.GetValue<string>().ShouldBe(outbox[1]!["pin"]!.GetValue<string>());
        outbox[0]!["pin"]!.GetValue<string>().ShouldAllBe(c => c >= 'A' && c <= 'Z');
        (await (await flow.ResendAsync(pinId, voice: true)).ShouldBeOk()).ShouldContain("PENDING_ACCEPTED");

        // A resend's optional body fills the template's placeholders anew.
        var named = await flow.CreateTemplateAsync(app, "{{name}}: {{pin}}");
        var namedPin = await flow.SendAsync(app, named, to);
        await (await flow.SendAsync(HttpMethod.Post, $"{FlowClient.PinPath}/{namedPin}/resend",
            flow.Body("ResendPinRequest", ("placeholders", new Dictionary<string, string> { ["name"] = "Bo" })))).ShouldBeOk();
        var last = (await flow.OutboxAsync(to)).Last()!;
        last["text"]!.GetValue<string>().ShouldBe($"Bo: {last["pin"]!.GetValue<string>()}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ncNeeded_adds_the_number_lookup_status_also_on_the_sdk_trailing_slash_path(bool xml)
    {
        var flow = mock.NewClient(xml);
        var app = await flow.CreateApplicationAsync();
        var template = await flow.CreateTemplateAsync(app);
        var body = flow.Body("StartAuthenticationRequest", ("applicationId", app), ("messageId", template), ("to", FlowClient.NewNumber()));
        var sent = await (await flow.SendAsync(HttpMethod.Post, "/2fa/2/pin/?ncNeeded=true", body)).ShouldBeOk();
        flow.Read(sent, "ncStatus").ShouldBe("NC_DESTINATION_REACHABLE");
        var unlooked = await (await flow.SendAsync(HttpMethod.Post, "/2fa/2/pin/?ncNeeded=false", body)).ShouldBeOk();
        flow.Read(unlooked, "ncStatus").ShouldBeNull("ncNeeded=false: no lookup");
        flow.Read(unlooked, "smsStatus").ShouldBe("MESSAGE_SENT");
        await (await flow.SendAsync(HttpMethod.Post, "/2fa/2/pin?ncNeeded=perhaps", body)).ShouldBeError(400, "BAD_REQUEST", "[ncNeeded : must be a boolean]");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Unknown_applications_templates_and_pins_are_404_in_the_envelope(bool xml)
    {
        var flow = mock.NewClient(xml);
        var app = await flow.CreateApplicationAsync();
        var other = await flow.CreateApplicationAsync();
        var template = await flow.CreateTemplateAsync(app);
        const string unknown = "0123456789ABCDEF0123456789ABCDEF";

        await (await flow.SendAsync(HttpMethod.Get, $"/2fa/2/applications/{unknown}/messages", null)).ShouldBeError(404, "APPLICATION_NOT_FOUND", Texts.NotFound);
        await (await flow.CreateTemplateRawAsync(unknown, ("messageText", "{{pin}}"), ("pinType", "HEX"))).ShouldBeError(404, "APPLICATION_NOT_FOUND", Texts.NotFound);
        await (await flow.StatusAsync(unknown, "?msisdn=1")).ShouldBeError(404, "APPLICATION_NOT_FOUND", Texts.NotFound);
        await (await flow.SendPinAsync(unknown, template, FlowClient.NewNumber())).ShouldBeError(404, "APPLICATION_NOT_FOUND", Texts.NotFound);
        await (await flow.SendAsync(HttpMethod.Get, $"/2fa/2/applications/{app}/messages/{unknown}", null)).ShouldBeError(404, "NOT_FOUND", "Message template not found.");
        await (await flow.SendAsync(HttpMethod.Get, $"/2fa/2/applications/{other}/messages/{template}", null)).ShouldBeError(404, "NOT_FOUND", "Message template not found.");
        await (await flow.SendPinAsync(other, template, FlowClient.NewNumber())).ShouldBeError(404, "NOT_FOUND", "Message template not found.");
        await (await flow.VerifyAsync(unknown, "1234")).ShouldBeError(404, "NOT_FOUND", "PIN not found.");
        await (await flow.ResendAsync(unknown)).ShouldBeError(404, "NOT_FOUND", "PIN not found.");

        // Another account sees none of it.
        var stranger = mock.NewClient(xml);
        await (await stranger.SendAsync(HttpMethod.Get, $"/2fa/2/applications/{app}/messages/{template}", null)).ShouldBeError(404, "APPLICATION_NOT_FOUND");
        var pinId = await flow.SendAsync(app, template, FlowClient.NewNumber());
        await (await stranger.VerifyAsync(pinId, "1234")).ShouldBeError(404, "NOT_FOUND", "PIN not found.");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Bad_bodies_are_400_in_the_envelope_with_every_problem_named(bool xml)
    {
        var flow = mock.NewClient(xml);
        var app = await flow.CreateApplicationAsync();
        var template = await flow.CreateTemplateAsync(app);

        await (await flow.CreateTemplateRawAsync(app, ("pinType", "NUMERIC"))).ShouldBeError(400, "BAD_REQUEST", "[messageText : may not be null]");
        await (await flow.CreateTemplateRawAsync(app, ("messageText", "no pin here"), ("pinType", "DECIMAL"), ("pinLength", 0), ("speechRate", 3)))
            .ShouldBeError(400, "BAD_REQUEST",
                "[messageText : must contain the {{pin}} placeholder, pinType : must be one of [NUMERIC, ALPHA, HEX, ALPHANUMERIC], pinLength : must be greater than or equal to 1, speechRate : must be less than or equal to 2]");
        await (await flow.SendAsync(HttpMethod.Post, FlowClient.PinPath, flow.Body("StartAuthenticationRequest", ("applicationId", app), ("messageId", template))))
            .ShouldBeError(400, "BAD_REQUEST", "[to : may not be null]");
        await (await flow.SendPinAsync(app, template, "+44 7700")).ShouldBeError(400, "BAD_REQUEST", "[to : must match \"^[0-9]{1,15}$\"]");
        await (await flow.SendAsync(HttpMethod.Post, $"{FlowClient.PinPath}/{await flow.SendAsync(app, template, FlowClient.NewNumber())}/verify", flow.Body("VerifyPinRequest")))
            .ShouldBeError(400, "BAD_REQUEST", "[pin : may not be null]");
        await (await flow.SendAsync(HttpMethod.Post, FlowClient.PinPath, xml ? "<StartAuthenticationRequest>" : "{\"to\":")).ShouldBeError(400, "BAD_REQUEST");
        await (await flow.SendAsync(HttpMethod.Post, FlowClient.PinPath, "")).ShouldBeError(400, "BAD_REQUEST", "Required request body is missing");
        if (xml)
            await (await flow.SendAsync(HttpMethod.Post, FlowClient.PinPath, "<request><to>1</to></request>")).ShouldBeError(400, "BAD_REQUEST",
                "Malformed XML request body: the root element must be one of <StartAuthenticationRequest>");
        else
            await (await flow.SendAsync(HttpMethod.Post, FlowClient.PinPath,
                    "{\"applicationId\":\"" + app + "\",\"messageId\":\"" + template + "\",\"to\":\"1\",\"placeholders\":{\"name\":1}}"))
                .ShouldBeError(400, "BAD_REQUEST", "[placeholders : must be an object of strings]");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Templates_are_created_read_updated_and_listed_with_their_defaults_application_and_placeholder(bool xml)
    {
        var flow = mock.NewClient(xml);
        var app = await flow.CreateApplicationAsync();
        var created = await (await flow.CreateTemplateRawAsync(app, ("messageText", "Code {{pin}}"), ("pinType", "HEX"), ("senderId", "Shop"))).ShouldBeOk();
        var id = flow.Read(created, "messageId")!;
        id.ShouldMatch("^[0-9A-F]{32}$");
        flow.Read(created, "applicationId").ShouldBe(app);
        flow.Read(created, "pinPlaceholder").ShouldBe("{{pin}}");
        flow.Read(created, "pinLength").ShouldBe("4");
        flow.Read(created, "language").ShouldBe("en");
        flow.Read(created, "speechRate").ShouldBe("1");
        flow.Read(created, "senderId").ShouldBe("Shop");
        if (xml) XDocument.Parse(created).Root!.Name.LocalName.ShouldBe("SmsOrVoiceMessage");

        var updated = await (await flow.SendAsync(HttpMethod.Put, $"/2fa/2/applications/{app}/messages/{id}",
            flow.Body("UpdateSmsOrVoiceMessageRequest", ("messageText", "New {{pin}}"), ("pinType", "ALPHANUMERIC"), ("speechRate", 0.75)))).ShouldBeOk();
        if (xml) XDocument.Parse(updated).Root!.Name.LocalName.ShouldBe("SmsOrVoiceMessage");
        flow.Read(updated, "messageText").ShouldBe("New {{pin}}");
        flow.Read(updated, "speechRate").ShouldBe("0.75");
        flow.Read(updated, "senderId").ShouldBe("Shop", "a field the update left out keeps its value");

        var got = await (await flow.SendAsync(HttpMethod.Get, $"/2fa/2/applications/{app}/messages/{id}/", null)).ShouldBeOk();
        flow.Read(got, "pinType").ShouldBe("ALPHANUMERIC");
        if (xml) XDocument.Parse(got).Root!.Name.LocalName.ShouldBe("Message");

        var second = await flow.CreateTemplateAsync(app);
        var list = await (await flow.SendAsync(HttpMethod.Get, $"/2fa/2/applications/{app}/messages", null)).ShouldBeOk();
        var ids = xml
            ? XDocument.Parse(list).Root!.Elements("item").Select(m => m.Element("messageId")!.Value).ToList()
            : JsonNode.Parse(list)!.AsArray().Select(m => m!["messageId"]!.GetValue<string>()).ToList();
        ids.ShouldBe([id, second]);
        if (xml) XDocument.Parse(list).Root!.Name.LocalName.ShouldBe("Messages");
    }

    [Fact]
    public async Task Wrong_methods_on_the_flow_paths_are_405_with_allow()
    {
        var flow = mock.NewClient(xml: false);
        var response = await flow.SendAsync(HttpMethod.Get, FlowClient.PinPath, null);
        await response.ShouldBeError(405, "METHOD_NOT_ALLOWED");
        response.Content.Headers.Allow.ShouldBe(["POST"]);
        await (await flow.SendAsync(HttpMethod.Delete, "/2fa/2/applications/0123456789ABCDEF0123456789ABCDEF/verifications", null)).ShouldBeError(405, "METHOD_NOT_ALLOWED");
        await (await flow.SendAsync(HttpMethod.Get, "/2fa/2/pin/x/unknown", null)).ShouldBeError(404, "NOT_FOUND");
    }
}

/// <summary><c>POST /__admin/reset</c> forgets the templates with the rest (a mock of its own: a reset is global).</summary>
public class FlowResetTests
{
    [Fact]
    public async Task A_reset_forgets_the_templates_of_a_seeded_application()
    {
        await using var mock = await QuietMock.StartAsync();
        var flow = new FlowClient(ApiClient.ForNewAccount(mock.Host.BaseUrl), xml: false);
        var seeded = Bodies.Json(await (await flow.Api.GetAsync()).ShouldBeOk())[0]!["applicationId"]!.GetValue<string>();
        var template = await flow.CreateTemplateAsync(seeded);
        var messages = $"/2fa/2/applications/{seeded}/messages";
        (await (await flow.SendAsync(HttpMethod.Get, messages, null)).ShouldBeOk()).ShouldContain(template);

        (await flow.Api.Http.PostAsync("/__admin/reset", null)).IsSuccessStatusCode.ShouldBeTrue();
        (await (await flow.SendAsync(HttpMethod.Get, messages, null)).ShouldBeOk()).ShouldBe("[]");
        await (await flow.SendAsync(HttpMethod.Get, $"{messages}/{template}", null)).ShouldBeError(404, "NOT_FOUND", "Message template not found.");
    }
}
