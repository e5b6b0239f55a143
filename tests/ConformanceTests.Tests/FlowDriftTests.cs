using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Planning;
using TwoFactorContracts.ConformanceTests.Profiles;
using TwoFactorContracts.ConformanceTests.Runner;
using TwoFactorContracts.ConformanceTests.Runner.Flow;
using TwoFactorContracts.ConformanceTests.Targets;
using TwoFactorContracts.ConformanceTests.Targets.Defects;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>
/// The PIN flow's checks catch drift: our mock behind a corrupting proxy with one planted defect each (a wrong PIN that
/// costs nothing, an expired PIN that verifies, a send limit not enforced, a template's regional options or a send's
/// trackDelivery ignored), under both shipped profiles; and a
/// refusal worded another way is a failure naming our decision under seed, an accepted deviation under today.
/// </summary>
public class FlowDriftTests(UpstreamMocks upstream) : IClassFixture<UpstreamMocks>
{
    private static readonly ContractDocument Contract = ContractDocument.Load();

    public static TheoryData<string> Profiles => [TargetProfile.Seed, TargetProfile.Today];

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task A_wrong_pin_that_costs_no_attempt_fails_the_attempts_check(string profile)
    {
        var steps = await RunThroughProxy(new WrongPinKeepsAttempts(), f => f.AttemptsAsync(), profile);

        var first = steps.Single(r => r.Id.StartsWith($"{FlowLifecycle.Attempts}/3 ", StringComparison.Ordinal));
        var verdict = first.Verdict("attempts-decrease")!;
        verdict.Failed.ShouldBeTrue(first.Describe());
        verdict.Reason.ShouldContain("not one lower than 3");
        // The answer's other checks still pass: only the count is wrong.
        first.Verdict("verify-outcome")!.Outcome.ShouldBe(Outcome.Passed, first.Describe());
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task An_expired_pin_that_verifies_fails_the_verify_outcome_check(string profile)
    {
        var steps = await RunThroughProxy(new ExpiredPinVerifies(), f => f.ExpiryAsync(), profile);

        var expired = steps.Single(r => r.Id.StartsWith($"{FlowLifecycle.Expiry}/3 ", StringComparison.Ordinal));
        var verdict = expired.Verdict("verify-outcome")!;
        verdict.Failed.ShouldBeTrue(expired.Describe());
        verdict.Expected.ShouldBe("verified false, pinError TTL_EXPIRED");
        verdict.Received.ShouldBe("verified true, no pinError");
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task A_send_limit_not_enforced_fails_even_where_the_profile_accepts_another_refusal(string profile)
    {
        var steps = await RunThroughProxy(new SendLimitIgnored(), f => f.LimitsAsync(), profile);

        var refused = steps.Single(r => r.Id.StartsWith($"{FlowLifecycle.Limits}/4 ", StringComparison.Ordinal));
        var status = refused.Verdict("status")!;
        status.Outcome.ShouldBe(Outcome.Failed, refused.Describe());
        status.Reason.ShouldContain("status 200 is not the documented 429");
        status.Reason.ShouldContain("our decision");
    }

    [Fact]
    public async Task A_refusal_worded_another_way_names_our_decision_under_seed_and_is_accepted_under_today()
    {
        var text = ErrorEnvelope.Documented(new FlowOperations(Contract).SendSms, 429, "application").Text!;
        var defect = new ErrorTextWorded(text, "Rate limit exceeded.");

        var seed = (await RunThroughProxy(defect, f => f.LimitsAsync(), TargetProfile.Seed))
            .Single(r => r.Id.StartsWith($"{FlowLifecycle.Limits}/4 ", StringComparison.Ordinal));
        var failed = seed.Verdict("error-text")!;
        failed.Failed.ShouldBeTrue(seed.Describe());
        failed.Reason.ShouldContain("our decision");

        var today = (await RunThroughProxy(defect, f => f.LimitsAsync(), TargetProfile.Today))
            .Single(r => r.Id.StartsWith($"{FlowLifecycle.Limits}/4 ", StringComparison.Ordinal));
        today.Passed.ShouldBeTrue(today.Describe());
        var accepted = today.Verdict("error-text")!;
        accepted.Outcome.ShouldBe(Outcome.Accepted);
        accepted.Deviation.ShouldBe(OurDecisions.RefusedSend);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task A_target_that_ignores_regional_fails_the_DLT_cases(string format)
    {
        var defect = new RequestFieldIgnored("regional");
        var created = await RunCaseThroughProxy(defect, $"createMessageTemplate/indiaDlt/{format}");
        created.Verdict("template")!.Failed.ShouldBeTrue(created.Describe());
        created.Verdict("template")!.Reason.ShouldContain("regional: expected");

        var updated = await RunCaseThroughProxy(defect, $"updateMessageTemplate/indiaDlt/{format}");
        updated.Verdict("template")!.Failed.ShouldBeTrue(updated.Describe());

        foreach (var refusal in new[] { "indiaDltWithoutEntity", "indiaDltIdTooLong" })
        {
            var accepted = await RunCaseThroughProxy(defect, $"createMessageTemplate/{refusal}/{format}");
            accepted.Verdict("status")!.Failed.ShouldBeTrue(accepted.Describe());
            accepted.Verdict("status")!.Reason.ShouldContain("status 200");
        }
    }

    [Fact]
    public async Task A_target_that_stores_regional_but_answers_without_it_fails_the_template_check()
    {
        var result = await RunCaseThroughProxy(new MissingField("regional"), "createMessageTemplate/indiaDlt/json");
        result.Verdict("template")!.Failed.ShouldBeTrue(result.Describe());
    }

    [Theory]
    [InlineData("sendPinOverSms/trackDelivery/json")]
    [InlineData("sendPinOverVoice/trackDelivery/xml")]
    [InlineData("resendPinOverSms/trackDelivery/xml")]
    [InlineData("resendPinOverVoice/trackDelivery/json")]
    public async Task A_target_that_ignores_trackDelivery_fails_the_delivery_check(string caseId)
    {
        var result = await RunCaseThroughProxy(new RequestFieldIgnored("trackDelivery"), caseId);
        var verdict = result.Verdict("delivery-tracked")!;
        verdict.Failed.ShouldBeTrue(result.Describe());
        verdict.Reason.ShouldContain("no externalMessageId");
        result.Verdict("pin-sent")!.Outcome.ShouldBe(Outcome.Passed, result.Describe());

        // Through no defect the same case passes: the check fails only the defect.
        (await RunCaseThroughProxy(new RequestFieldIgnored("none"), caseId)).Passed.ShouldBeTrue();
    }

    /// <summary>One documented case of the flow (<see cref="FlowCases"/>) against our mock behind the corrupting proxy.</summary>
    private async Task<CaseResult> RunCaseThroughProxy(IAnswerDefect defect, string caseId)
    {
        await using var proxy = await CorruptingProxy.StartAsync(upstream.Stateful.Target.BaseUrl, defect);
        using var runner = StrictRunner(proxy.BaseUrl, TargetProfile.Seed);
        using var flow = new FlowLifecycle(runner);
        var result = await new FlowCases(runner, flow).RunAsync(FlowCases.All(Contract).Single(c => c.Id == caseId)).WaitAsync(TimeSpan.FromSeconds(60));
        result.Skipped.ShouldBeFalse(result.Describe());
        return result;
    }

    private async Task<IReadOnlyList<CaseResult>> RunThroughProxy(IAnswerDefect defect, Func<FlowLifecycle, Task<IReadOnlyList<CaseResult>>> scenario, string profile)
    {
        await using var proxy = await CorruptingProxy.StartAsync(upstream.Stateful.Target.BaseUrl, defect);
        using var runner = StrictRunner(proxy.BaseUrl, profile);
        using var flow = new FlowLifecycle(runner);
        var steps = await scenario(flow).WaitAsync(TimeSpan.FromSeconds(60));
        steps.ShouldNotContain(r => r.Skipped, string.Join("\n", steps.Select(r => r.Describe())));
        return steps;
    }

    /// <summary>Strict: the error texts are compared, as against our mock. The proxy is "our mock" (its outbox and clock answer through it).</summary>
    private static ConformanceRunner StrictRunner(Uri target, string profile) =>
        new(new ConformanceTarget(target, TargetKind.StatefulMock),
            ConformanceSettings.FromEnvironment(name => name switch
            {
                "CONFORMANCE_MODE" => "strict",
                "CONFORMANCE_RUN_ID" => "flow-drift",
                "CONFORMANCE_TIMEOUT" => "5s",
                _ => null,
            }), Contract, TargetProfile.Load(profile), RequestGate.Open());
}
