using TwoFactorContracts.MockServer.Flow;

namespace MockServer.Tests.Flow;

public sealed class VerifyRulesTests
{
    [Fact]
    public void A_wrong_PIN_answers_WRONG_PIN_and_one_fewer_attempt_each_time()
    {
        var kit = new FlowKit();
        var sent = kit.Send();
        var first = kit.Verify(sent.PinId, kit.WrongPinOf(sent.PinId));
        first.ShouldBe(new PinVerification(sent.PinId, FlowKit.To, false, 2, PinVerification.WrongPin));
        kit.Verify(sent.PinId, kit.WrongPinOf(sent.PinId)).AttemptsRemaining.ShouldBe(1);
    }

    [Fact]
    public void After_pinAttempts_wrong_PINs_the_answer_is_NO_MORE_PIN_ATTEMPTS_and_the_right_PIN_no_longer_verifies()
    {
        var kit = new FlowKit();
        var sent = kit.Send();
        for (var i = 0; i < 2; i++) kit.Verify(sent.PinId, kit.WrongPinOf(sent.PinId));
        kit.Verify(sent.PinId, kit.WrongPinOf(sent.PinId)).ShouldBe(new PinVerification(sent.PinId, FlowKit.To, false, 0, PinVerification.WrongPin));

        var right = kit.Verify(sent.PinId, kit.PinOf(sent.PinId));
        right.ShouldBe(new PinVerification(sent.PinId, FlowKit.To, false, 0, PinVerification.NoMorePinAttempts));
        kit.Flow.Status(FlowKit.Account, FlowKit.ApplicationId).Single().Verified.ShouldBeFalse();
    }

    [Fact]
    public void The_right_PIN_verifies_with_attemptsRemaining_0_as_the_document_shows_and_no_pinError_and_the_status_shows_when()
    {
        var kit = new FlowKit();
        var sent = kit.Send();
        kit.Verify(sent.PinId, kit.WrongPinOf(sent.PinId));
        kit.Advance("1m");

        kit.Verify(sent.PinId, kit.PinOf(sent.PinId)).ShouldBe(new PinVerification(sent.PinId, FlowKit.To, true, 0, null));
        var status = kit.Flow.Status(FlowKit.Account, FlowKit.ApplicationId).Single();
        status.Verified.ShouldBeTrue();
        status.SentAtMillis.ShouldBe(kit.Source.GetUtcNow().ToUnixTimeMilliseconds());
        status.VerifiedAtMillis.ShouldBe(status.SentAtMillis + 60_000);
    }

    [Fact]
    public void A_PIN_compares_exactly_case_included()
    {
        var kit = new FlowKit { Template = new("FEDCBA9876543210FEDCBA9876543210", "{{pin}}", PinType.Alpha, 6) };
        var sent = kit.Send();
        kit.Verify(sent.PinId, kit.PinOf(sent.PinId).ToLowerInvariant()).PinError.ShouldBe(PinVerification.WrongPin);
        kit.Verify(sent.PinId, kit.PinOf(sent.PinId)).Verified.ShouldBeTrue();
    }

    [Fact]
    public void At_pinTimeToLive_after_the_send_the_answer_is_TTL_EXPIRED_and_the_right_PIN_no_longer_verifies()
    {
        var kit = new FlowKit(); // pinTimeToLive 15m
        var early = kit.Send();
        var late = kit.Send();
        kit.Flow.Clock.Advance((15 * 60_000) - 1);
        kit.Verify(early.PinId, kit.PinOf(early.PinId)).Verified.ShouldBeTrue();

        kit.Flow.Clock.Advance(1);
        kit.Verify(late.PinId, kit.PinOf(late.PinId)).ShouldBe(new PinVerification(late.PinId, FlowKit.To, false, 3, PinVerification.TtlExpired));
    }

    [Fact]
    public void Without_allowMultiplePinVerifications_a_verified_pinId_does_not_verify_again()
    {
        var kit = new FlowKit { Configuration = new FlowKit().Configuration with { AllowMultiplePinVerifications = false } };
        var sent = kit.Send();
        kit.Verify(sent.PinId, kit.PinOf(sent.PinId)).Verified.ShouldBeTrue();
        kit.Verify(sent.PinId, kit.PinOf(sent.PinId)).ShouldBe(new PinVerification(sent.PinId, FlowKit.To, false, 0, PinVerification.NoMorePinAttempts));

        // With it, the same pinId verifies again (the first verification's time stays).
        kit.Configuration = kit.Configuration with { AllowMultiplePinVerifications = true };
        kit.Advance("1s");
        kit.Verify(sent.PinId, kit.PinOf(sent.PinId)).Verified.ShouldBeTrue();
        var status = kit.Flow.Status(FlowKit.Account, FlowKit.ApplicationId).Single();
        status.VerifiedAtMillis.ShouldBe(status.SentAtMillis);
    }

    [Fact]
    public void Beyond_verifyPinLimit_per_phone_number_the_verify_is_refused_and_not_counted_as_an_attempt()
    {
        var kit = new FlowKit { Configuration = new FlowKit().Configuration with { PinAttempts = 5, VerifyPinLimit = FlowKit.Limit("2/1m") } };
        var sent = kit.Send();
        var other = kit.Send("38591000000");
        kit.Verify(sent.PinId, kit.WrongPinOf(sent.PinId));
        kit.Verify(sent.PinId, kit.WrongPinOf(sent.PinId));

        kit.TryVerify(sent.PinId, kit.PinOf(sent.PinId)).Error.ShouldBe(FlowError.TooManyVerifications);
        kit.Verify(other.PinId, kit.PinOf(other.PinId)).Verified.ShouldBeTrue(); // another number counts apart

        kit.Advance("1m");
        kit.Verify(sent.PinId, kit.WrongPinOf(sent.PinId)).AttemptsRemaining.ShouldBe(2); // the refused one spent nothing
    }

    [Fact]
    public void The_verify_limit_counts_in_a_sliding_window_not_in_fixed_intervals()
    {
        var kit = new FlowKit { Configuration = new FlowKit().Configuration with { PinAttempts = 10, VerifyPinLimit = FlowKit.Limit("2/1m") } };
        var sent = kit.Send();
        kit.Verify(sent.PinId, kit.WrongPinOf(sent.PinId));
        kit.Advance("40s");
        kit.Verify(sent.PinId, kit.WrongPinOf(sent.PinId));
        kit.Advance("19s");
        kit.TryVerify(sent.PinId, kit.WrongPinOf(sent.PinId)).Error.ShouldBe(FlowError.TooManyVerifications);

        // A minute after the first, only it has left the window: one more is allowed, not a fresh two.
        kit.Advance("1s");
        kit.TryVerify(sent.PinId, kit.WrongPinOf(sent.PinId)).Error.ShouldBeNull();
        kit.TryVerify(sent.PinId, kit.WrongPinOf(sent.PinId)).Error.ShouldBe(FlowError.TooManyVerifications);
    }

    [Fact]
    public void An_unknown_pinId_or_another_accounts_pinId_is_PIN_not_found()
    {
        var kit = new FlowKit();
        var sent = kit.Send();
        kit.TryVerify("00000000000000000000000000000000", "1234").Error.ShouldBe(FlowError.PinNotFound);
        kit.Flow.Verify("account-b", sent.PinId, kit.Configuration, kit.PinOf(sent.PinId)).Error.ShouldBe(FlowError.PinNotFound);
        kit.Flow.Find("account-b", sent.PinId).ShouldBeNull();
        kit.Flow.Find(FlowKit.Account, sent.PinId).ShouldBe(new PinInfo(sent.PinId, FlowKit.ApplicationId, kit.Template.MessageId, FlowKit.To));
    }

    [Fact]
    public void A_disabled_application_still_verifies_a_PIN_sent_before()
    {
        var kit = new FlowKit();
        var sent = kit.Send();
        kit.Configuration = kit.Configuration with { Enabled = false };
        kit.Verify(sent.PinId, kit.PinOf(sent.PinId)).Verified.ShouldBeTrue();
    }

    [Fact]
    public void A_configuration_change_applies_to_what_comes_next_and_never_rewrites_history()
    {
        var kit = new FlowKit { Configuration = new FlowKit().Configuration with { PinAttempts = 5 } };
        var sent = kit.Send();
        for (var i = 0; i < 3; i++) kit.Verify(sent.PinId, kit.WrongPinOf(sent.PinId));

        // Fewer attempts now: the three spent stay spent, so none remain.
        kit.Configuration = kit.Configuration with { PinAttempts = 3, PinTimeToLiveMillis = 60_000 };
        kit.Verify(sent.PinId, kit.PinOf(sent.PinId)).PinError.ShouldBe(PinVerification.NoMorePinAttempts);

        // A shorter pinTimeToLive does not move the expiry fixed at send (15m) ...
        var before = kit.Flow.Status(FlowKit.Account, FlowKit.ApplicationId).Single();
        kit.Configuration = kit.Configuration with { PinAttempts = 10 };
        kit.Advance("2m");
        var again = kit.Verify(sent.PinId, kit.PinOf(sent.PinId));
        again.ShouldBe(new PinVerification(sent.PinId, FlowKit.To, true, 0, null));
        // The right PIN spent no attempt: 10 now, 3 spent, so a wrong one leaves 6.
        kit.Verify(sent.PinId, kit.WrongPinOf(sent.PinId)).ShouldBe(new PinVerification(sent.PinId, FlowKit.To, false, 6, PinVerification.WrongPin));
        // ... while a PIN sent now expires after the new one (1m).
        var next = kit.Send();
        kit.Advance("1m");
        kit.Verify(next.PinId, kit.PinOf(next.PinId)).PinError.ShouldBe(PinVerification.TtlExpired);
        kit.Flow.Status(FlowKit.Account, FlowKit.ApplicationId)[0].SentAtMillis.ShouldBe(before.SentAtMillis);
    }

    [Fact]
    public void Verification_status_filters_by_msisdn_verified_and_sent_oldest_first()
    {
        var kit = new FlowKit();
        var a = kit.Send("1001");
        kit.Advance("1s");
        var b = kit.Send("1002");
        kit.Send("1001");
        kit.Verify(b.PinId, kit.PinOf(b.PinId));
        kit.Flow.Send(FlowKit.Account, kit.Configuration with { ApplicationId = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }, kit.Template, new PinMessageRequest("1001"));

        var all = kit.Flow.Status(FlowKit.Account, FlowKit.ApplicationId);
        all.Select(v => v.PinId).First().ShouldBe(a.PinId);
        all.Count.ShouldBe(3);
        kit.Flow.Status(FlowKit.Account, FlowKit.ApplicationId, msisdn: "1001").Count.ShouldBe(2);
        kit.Flow.Status(FlowKit.Account, FlowKit.ApplicationId, verified: true).Single().PinId.ShouldBe(b.PinId);
        kit.Flow.Status(FlowKit.Account, FlowKit.ApplicationId, msisdn: "1001", verified: false).Count.ShouldBe(2);
        kit.Flow.Status(FlowKit.Account, FlowKit.ApplicationId, sent: true).Count.ShouldBe(3);
        kit.Flow.Status(FlowKit.Account, FlowKit.ApplicationId, sent: false).ShouldBeEmpty();
        kit.Flow.Status("account-b", FlowKit.ApplicationId).ShouldBeEmpty();
        all[0].VerifiedAtMillis.ShouldBeNull();
    }
}
