using TwoFactorContracts.MockServer.Flow;

namespace MockServer.Tests.Flow;

public sealed class SendRulesTests
{
    [Fact]
    public void A_disabled_application_sends_and_resends_nothing()
    {
        var kit = new FlowKit();
        var sent = kit.Send();
        kit.Configuration = kit.Configuration with { Enabled = false };

        kit.TrySend().Error.ShouldBe(FlowError.ApplicationDisabled);
        kit.Resend(sent.PinId).Error.ShouldBe(FlowError.ApplicationDisabled);
        kit.Flow.Outbox.Count.ShouldBe(1);
        kit.Flow.Status(FlowKit.Account, FlowKit.ApplicationId).Count.ShouldBe(1);
    }

    [Fact]
    public void Beyond_sendPinPerApplicationLimit_the_send_is_refused_until_the_window_slides()
    {
        var kit = new FlowKit { Configuration = new FlowKit().Configuration with { SendPinPerApplicationLimit = FlowKit.Limit("2/1h") } };
        kit.Send("1001");
        kit.Advance("30m");
        kit.Send("1002");

        kit.TrySend("1003").Error.ShouldBe(FlowError.TooManyForApplication);
        kit.Flow.Outbox.Count.ShouldBe(2);
        kit.Flow.Status(FlowKit.Account, FlowKit.ApplicationId).Count.ShouldBe(2); // no pinId issued

        // Another application of the account counts apart.
        kit.Flow.Send(FlowKit.Account, kit.Configuration with { ApplicationId = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }, kit.Template, new PinMessageRequest("1003")).Error.ShouldBeNull();

        kit.Advance("30m"); // the first send left the hour
        kit.TrySend("1003").Error.ShouldBeNull();
        kit.TrySend("1004").Error.ShouldBe(FlowError.TooManyForApplication);
    }

    [Fact]
    public void Beyond_sendPinPerPhoneNumberLimit_the_send_to_that_number_is_refused()
    {
        var kit = new FlowKit { Configuration = new FlowKit().Configuration with { SendPinPerPhoneNumberLimit = FlowKit.Limit("2/1d") } };
        kit.Send("1001");
        kit.Send("1001");

        kit.TrySend("1001").Error.ShouldBe(FlowError.TooManyForPhoneNumber);
        kit.TrySend("1002").Error.ShouldBeNull();
        kit.Advance("1d");
        kit.TrySend("1001").Error.ShouldBeNull();
    }

    [Fact]
    public void A_send_renders_the_template_with_the_PIN_and_placeholders_and_records_it_in_the_outbox()
    {
        var kit = new FlowKit { Template = new("FEDCBA9876543210FEDCBA9876543210", "Hi {{name}}, {{pin}} is your {{app}} PIN {{unknown}} {{", PinType.Numeric, 6) };
        var sent = kit.TrySend(placeholders: new Dictionary<string, string> { ["name"] = "Ana {{pin}}", ["app"] = "Shop" }, channel: PinChannel.Voice).Value!;

        sent.CallStatus.ShouldBe(PinSent.CallAccepted);
        sent.SmsStatus.ShouldBeNull();
        var message = kit.Flow.Outbox.List().Single();
        message.Pin.ShouldMatch("^[0-9]{6}$");
        message.Text.ShouldBe($"Hi Ana {{{{pin}}}}, {message.Pin} is your Shop PIN {{{{unknown}}}} {{{{");
        message.ShouldBe(new OutboxMessage(PinChannel.Voice, FlowKit.To, "Info", message.Text, message.Pin, sent.PinId, FlowKit.ApplicationId,
            kit.Template.MessageId, kit.Flow.Clock.NowMillis) { Sequence = 1, Status = PinSent.CallAccepted });
        sent.PinId.ShouldMatch("^[0-9A-F]{32}$");
    }

    [Fact]
    public void The_SMS_statuses_follow_ncNeeded()
    {
        new PinSent("P", "1", PinChannel.Sms, NcNeeded: true).NcStatus.ShouldBe(PinSent.NcReachable);
        new PinSent("P", "1", PinChannel.Sms, NcNeeded: false).NcStatus.ShouldBeNull();
        new PinSent("P", "1", PinChannel.Sms, NcNeeded: false).SmsStatus.ShouldBe(PinSent.SmsSent);
    }

    [Theory]
    [InlineData(PinType.Numeric, "^[0-9]{8}$")]
    [InlineData(PinType.Alpha, "^[A-Z]{8}$")]
    [InlineData(PinType.Hex, "^[0-9A-F]{8}$")]
    [InlineData(PinType.Alphanumeric, "^[0-9A-Z]{8}$")]
    public void PINs_have_the_templates_type_and_length(PinType type, string pattern)
    {
        var kit = new FlowKit { Template = new("FEDCBA9876543210FEDCBA9876543210", "{{pin}}", type, 8) };
        var seen = new HashSet<char>();
        for (var i = 0; i < 200; i++)
        {
            var pin = kit.PinOf(kit.Send($"{i}").PinId);
            pin.ShouldMatch(pattern);
            seen.UnionWith(pin);
        }
        // 1600 characters: every character of the alphabet shows up (a generator stuck on a few would not).
        seen.Count.ShouldBe(PinTypes.AlphabetOf(type).Length);
    }

    [Fact]
    public void A_resend_keeps_the_PIN_expiry_and_attempts_sends_a_new_message_and_counts_towards_the_limits()
    {
        var kit = new FlowKit { Configuration = new FlowKit().Configuration with { SendPinPerPhoneNumberLimit = FlowKit.Limit("3/1d") } };
        var sent = kit.Send();
        kit.Verify(sent.PinId, kit.WrongPinOf(sent.PinId));
        kit.Advance("10m");

        var resent = kit.Resend(sent.PinId, PinChannel.Voice).Value!;
        resent.PinId.ShouldBe(sent.PinId);
        resent.CallStatus.ShouldBe(PinSent.CallAccepted);
        var messages = kit.Flow.Outbox.List(pinId: sent.PinId);
        messages.Count.ShouldBe(2);
        messages[1].Pin.ShouldBe(messages[0].Pin);
        messages[1].Channel.ShouldBe(PinChannel.Voice);
        messages[1].SentAtMillis.ShouldBe(messages[0].SentAtMillis + (10 * 60_000));
        kit.Verify(sent.PinId, kit.WrongPinOf(sent.PinId)).AttemptsRemaining.ShouldBe(1); // attempts carried on

        kit.Resend(sent.PinId).Error.ShouldBeNull();
        kit.Resend(sent.PinId).Error.ShouldBe(FlowError.TooManyForPhoneNumber); // send + 2 resends = 3/1d
        kit.Resend("00000000000000000000000000000000").Error.ShouldBe(FlowError.PinNotFound);

        kit.Advance("5m"); // 15m after the send: the resends did not extend the expiry
        kit.Verify(sent.PinId, kit.PinOf(sent.PinId)).PinError.ShouldBe(PinVerification.TtlExpired);
    }

    [Fact]
    public void A_resend_of_an_expired_or_verified_PIN_sends_it_again_and_changes_nothing_else()
    {
        var kit = new FlowKit
        {
            Configuration = new FlowKit().Configuration with { AllowMultiplePinVerifications = false, SendPinPerPhoneNumberLimit = FlowKit.Limit("2/1d") },
        };

        // Expired: the same PIN goes out again, counted; the expiry stays where the send fixed it.
        var expired = kit.Send();
        kit.Advance("16m");
        kit.Resend(expired.PinId).Error.ShouldBeNull();
        kit.Flow.Outbox.List(pinId: expired.PinId).Select(m => m.Pin).Distinct().ShouldHaveSingleItem();
        kit.Verify(expired.PinId, kit.PinOf(expired.PinId)).PinError.ShouldBe(PinVerification.TtlExpired);
        kit.Resend(expired.PinId).Error.ShouldBe(FlowError.TooManyForPhoneNumber, "the resend counted (send + resend = 2/1d)");

        // Verified: resent too; the verification stays, and without multiple verifications it does not verify again.
        var verified = kit.Send("41793026728");
        kit.Verify(verified.PinId, kit.PinOf(verified.PinId)).Verified.ShouldBeTrue();
        kit.Resend(verified.PinId).Error.ShouldBeNull();
        kit.Flow.Outbox.List(pinId: verified.PinId).Count.ShouldBe(2);
        kit.Verify(verified.PinId, kit.PinOf(verified.PinId)).PinError.ShouldBe(PinVerification.NoMorePinAttempts);
        kit.Flow.Status(FlowKit.Account, FlowKit.ApplicationId, "41793026728").ShouldHaveSingleItem().Verified.ShouldBeTrue();
    }

    [Fact]
    public void A_resend_renders_with_its_own_placeholders_or_else_the_sends()
    {
        var kit = new FlowKit { Template = new("FEDCBA9876543210FEDCBA9876543210", "{{name}}: {{pin}}", PinType.Numeric, 4) };
        var sent = kit.TrySend(placeholders: new Dictionary<string, string> { ["name"] = "Ana" }).Value!;
        kit.Resend(sent.PinId);
        kit.Flow.Resend(FlowKit.Account, sent.PinId, kit.Configuration, kit.Template, new PinMessageRequest("", Placeholders: new Dictionary<string, string> { ["name"] = "Bo" }));
        var pin = kit.PinOf(sent.PinId);
        kit.Flow.Outbox.List().Select(m => m.Text).ShouldBe([$"Ana: {pin}", $"Ana: {pin}", $"Bo: {pin}"]);
    }

    [Fact]
    public void A_lowered_send_limit_counts_the_sends_already_made()
    {
        var kit = new FlowKit();
        kit.Send();
        kit.Send();
        kit.Configuration = kit.Configuration with { SendPinPerPhoneNumberLimit = FlowKit.Limit("2/1h") };
        kit.TrySend().Error.ShouldBe(FlowError.TooManyForPhoneNumber);
    }

    [Fact]
    public void A_fixed_PIN_is_used_as_given_and_a_recipients_own_wins()
    {
        var kit = new FlowKit(fixedPin: "Ab12");
        kit.PinOf(kit.Send("1001").PinId).ShouldBe("Ab12");
        kit.Flow.FixedPins.Set("1002", "999999").ShouldBeTrue();
        var mine = kit.Send("1002");
        kit.PinOf(mine.PinId).ShouldBe("999999");
        kit.Verify(mine.PinId, "999999").Verified.ShouldBeTrue();

        kit.Flow.FixedPins.Remove("1002").ShouldBeTrue();
        kit.PinOf(kit.Send("1002").PinId).ShouldBe("Ab12");
    }

    [Fact]
    public void Without_fixed_PINs_sends_get_different_random_PINs()
    {
        var kit = new FlowKit { Template = new("FEDCBA9876543210FEDCBA9876543210", "{{pin}}", PinType.Alphanumeric, 12) };
        var pins = Enumerable.Range(0, 20).Select(i => kit.PinOf(kit.Send().PinId)).ToHashSet();
        pins.Count.ShouldBe(20);
    }

    [Fact]
    public void A_fixed_PIN_must_be_1_to_50_letters_or_digits()
    {
        FixedPins.Problem("1234").ShouldBeNull();
        FixedPins.Problem("").ShouldNotBeNull();
        FixedPins.Problem("12 34").ShouldNotBeNull();
        FixedPins.Problem(new string('1', 51)).ShouldNotBeNull();
        Should.Throw<ArgumentException>(() => new FixedPins("12-34"));
        Should.Throw<ArgumentException>(() => new FixedPins().Set("1", "ü"));
    }

    [Fact]
    public void Concurrent_sends_never_exceed_a_limit_and_every_accepted_send_is_recorded_whole()
    {
        var kit = new FlowKit { Configuration = new FlowKit().Configuration with { SendPinPerApplicationLimit = FlowKit.Limit("300/1h") } };
        var accepted = 0;
        Parallel.For(0, 8, worker =>
        {
            for (var i = 0; i < 100; i++)
                if (kit.TrySend($"{worker}-{i}").Error is null) Interlocked.Increment(ref accepted);
        });
        accepted.ShouldBe(300);
        kit.Flow.Outbox.Count.ShouldBe(300);
        kit.Flow.Status(FlowKit.Account, FlowKit.ApplicationId).Count.ShouldBe(300);
    }

    [Fact]
    public void Reset_clears_pins_limits_outbox_recipient_PINs_and_the_clock_offset()
    {
        var kit = new FlowKit(fixedPin: "1234") { Configuration = new FlowKit().Configuration with { SendPinPerPhoneNumberLimit = FlowKit.Limit("1/1d") } };
        var sent = kit.Send();
        kit.Flow.FixedPins.Set("1001", "5555");
        kit.Advance("1h");

        kit.Flow.Reset();
        kit.Flow.Outbox.Count.ShouldBe(0);
        kit.Flow.Find(FlowKit.Account, sent.PinId).ShouldBeNull();
        kit.Flow.FixedPins.Snapshot().ShouldBeEmpty();
        kit.Flow.FixedPins.Global.ShouldBe("1234"); // an option, not state
        kit.Flow.Clock.OffsetMillis.ShouldBe(0);
        kit.TrySend().Error.ShouldBeNull(); // the limit counts from zero again
    }
}
