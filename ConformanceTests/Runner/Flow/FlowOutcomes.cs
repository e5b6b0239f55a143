using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;

namespace TwoFactorContracts.ConformanceTests.Runner.Flow;

/// <summary>The failure path of a send: a recipient whose SMS is not sent, set through our mock's admin switch.</summary>
public sealed partial class FlowLifecycle
{
    public const string Outcomes = "flow/outcomes";

    /// <summary>The recipient the scenario sets: the last number of the contract's reserved range, which no example takes.</summary>
    public const string OutcomeRecipient = "447700900999";

    // ---- 8. an SMS not sent: the pinId is issued, the outbox marks it, a resend once reachable delivers the same PIN ----

    public async Task<IReadOnlyList<CaseResult>> OutcomesAsync(CancellationToken cancel = default)
    {
        var steps = new ScenarioSteps(_runner, Outcomes);
        if (WhyNotRun() is { } why) return steps.NotRun($"{Outcomes}/1 set the recipient's outcome", why);
        if (_admin is null)
            return steps.NotRun($"{Outcomes}/1 set the recipient's outcome",
                "not run: only our mock can be told a recipient's outcome (PUT /__admin/mock/recipients/{to}); a real deployment answers it only when a real phone is in that state");
        var notSent = _runner.Contract.SendOutcomes.Sms.FirstOrDefault(o => o.SmsStatus != _runner.Contract.SendOutcomes.Sms[0].SmsStatus);
        if (notSent is null) return steps.NotRun($"{Outcomes}/1 set the recipient's outcome", "not run: the contract documents no SMS that is not sent");
        if (await SharedAsync(cancel) is not { } app) return steps.NotRun($"{Outcomes}/1 set the recipient's outcome", $"not run: {SharedProblem}");

        var problem = await _admin.SetOutcomeAsync(OutcomeRecipient, $$"""{"ncStatus":"{{notSent.NcStatus}}"}""", cancel);
        steps.Add(AdminStep($"{Outcomes}/1 our mock's admin switch: {OutcomeRecipient} is {notSent.NcStatus}", $"PUT /{MockAdmin.RecipientsPath}/{OutcomeRecipient}", problem));
        if (problem is not null) return steps.Stop("the outcome could not be set (see step 1)");
        try
        {
            var request = SendRequest(_flow.SendSms, app, BodyFormat.Json);
            request["to"] = OutcomeRecipient;
            var sent = await steps.Send($"{Outcomes}/2 a send answers {notSent.SmsStatus} and still issues a pinId", _flow.SendSms,
                Post(_flow.SendSms, request, BodyFormat.Json),
                new Expectation(_flow.SendSms.SuccessStatuses.ToList(), BodyFormat.Json).With(new ExpectedPin(OutcomeRecipient), Expected(notSent)), cancel);
            if (FlowValue.Text(sent?["pinId"]) is not { Length: > 0 } pinId) return steps.Stop("the send gave no pinId (see step 2)");
            var recorded = await _admin.SentFlagsAsync(pinId, cancel);
            steps.Add(new CaseResult($"{Outcomes}/3 the outbox records the message as not sent", $"GET /{MockAdmin.OutboxPath}?pinId={pinId}",
                [recorded.Problem is not null ? new CheckVerdict("outbox", Outcome.Failed, recorded.Problem)
                    : recorded.Sent is [false] ? new CheckVerdict("outbox", Outcome.Passed, "one message, sent: false")
                    : new CheckVerdict("outbox", Outcome.Failed, $"the outbox holds sent: [{string.Join(", ", recorded.Sent)}] for the pinId", "[false]", $"[{string.Join(", ", recorded.Sent)}]")]));
            await steps.Send($"{Outcomes}/4 a resend (XML) answers the same outcome", _flow.ResendSms,
                new PlannedRequest("POST", FlowOperations.PathFor(_flow.ResendSms, pinId), BodyFormat.Xml),
                new Expectation(_flow.ResendSms.SuccessStatuses.ToList(), BodyFormat.Xml).With(new ExpectedPin(OutcomeRecipient, pinId), Expected(notSent)), cancel);

            problem = await _admin.RemoveOutcomeAsync(OutcomeRecipient, cancel);
            steps.Add(AdminStep($"{Outcomes}/5 the admin switch forgets it", $"DELETE /{MockAdmin.RecipientsPath}/{OutcomeRecipient}", problem));
            var delivered = _runner.Contract.SendOutcomes.Sms[0];
            await steps.Send($"{Outcomes}/6 once reachable, a resend delivers the same PIN", _flow.ResendSms,
                new PlannedRequest("POST", FlowOperations.PathFor(_flow.ResendSms, pinId), BodyFormat.Json),
                new Expectation(_flow.ResendSms.SuccessStatuses.ToList(), BodyFormat.Json).With(new ExpectedPin(OutcomeRecipient, pinId), Expected(delivered)), cancel);
            var right = await ReadPinAsync(pinId, cancel);
            await VerifyRightAsync(steps, $"{Outcomes}/7 the right PIN verifies", pinId, right, BodyFormat.Json,
                new ExpectedVerification(pinId, true, null, 0), cancel);
        }
        finally
        {
            await _admin.RemoveOutcomeAsync(OutcomeRecipient, CancellationToken.None);
        }
        return steps.Results;
    }

    private static ExpectedOutcome Expected(DocumentedOutcome outcome) =>
        new(outcome.Example, new Dictionary<string, string> { ["ncStatus"] = outcome.NcStatus!, ["smsStatus"] = outcome.SmsStatus! });

    private static CaseResult AdminStep(string id, string request, string? problem) =>
        new(id, request, [problem is null ? new CheckVerdict("admin", Outcome.Passed, "done") : new CheckVerdict("admin", Outcome.Failed, problem)]);
}
