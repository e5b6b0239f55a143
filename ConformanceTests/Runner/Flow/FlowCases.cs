using System.Security.Cryptography;
using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;

namespace TwoFactorContracts.ConformanceTests.Runner.Flow;

/// <summary>
/// The documented cases of the message template and PIN flow operations (every example name x media type), sent to a
/// stateful target with the ids the run has: the flow's application and template, a PIN sent just before, or the id
/// the example documents as the cause (<c>applicationNotFound</c>, <c>pinNotFound</c>). An answer that only a state
/// causes (a wrong PIN, attempts used up, expiry, a verified PIN, a disabled application) is not re-created per case:
/// it is judged by the flow scenario named in the case's "not run" reason. 401/403/429/5xx are as for every case.
/// Against the examples-mode mock each case is sent as documented and must get the documented example itself.
/// </summary>
public sealed class FlowCases(ConformanceRunner runner, FlowLifecycle flow) : ICaseBinding
{
    /// <summary>Every documented case of the operations that are not the application operations.</summary>
    public static IEnumerable<ContractCase> All(ContractDocument contract) =>
        contract.AllOperations.Where(o => !o.IsApplicationOperation()).SelectMany(o => o.Cases);

    /// <summary>Example names whose answer comes from state a scenario builds, and the scenario that judges it.</summary>
    private static readonly IReadOnlyDictionary<string, string> JudgedByScenario = new Dictionary<string, string>
    {
        ["noMoreAttempts"] = FlowLifecycle.Attempts,
        ["expired"] = FlowLifecycle.Expiry,
        ["alreadyVerified"] = FlowLifecycle.Journey,
        ["applicationDisabled"] = FlowLifecycle.Disabled,
        ["sendLimitPerApplication"] = FlowLifecycle.Limits,
        ["sendLimitPerPhoneNumber"] = FlowLifecycle.Limits,
        ["verifyLimit"] = FlowLifecycle.Limits,
    };

    // The ids the run issues, by the contract's parameter names.
    private const string PinIdParameter = "pinId";
    private const string MessageIdParameter = "messageId";
    private const string MsisdnParameter = "msisdn";

    /// <summary>The case of an email send naming an SMS template (template-channel).</summary>
    private const string NotEmailTemplate = "notEmailTemplate";

    private FlowOperations Ops => flow.Operations;

    /// <summary>Runs the case through the runner, bound with the flow's ids; as documented against the examples-mode mock.</summary>
    public Task<CaseResult> RunAsync(ContractCase c, CancellationToken cancel = default) =>
        runner.RunAsync(c, runner.Target.AnswersExamplesVerbatim ? runner.ApplicationCases : this, cancel);

    public string? JudgedElsewhere(ContractCase c) =>
        // Our mock answers a documented 429 on Prefer; otherwise the scenario causes the state for real.
        !(runner.AsksWithPrefer(c) && runner.Target.HonoursPrefer) && JudgedByScenario.TryGetValue(c.Name, out var scenario)
            ? $"not run as a single case: the state it documents is built and judged by {scenario}"
            : null;

    /// <summary>Why a case documenting an outcome other than a delivered message is not run against a real deployment.</summary>
    public const string OutcomeNotRunReason =
        "not run: only our mock answers a reserved test number (info.x-test-recipients) with this outcome; a real deployment answers it only when a real phone is in that state";

    public async Task<CaseBinding> BindAsync(ContractCase c, CancellationToken cancel)
    {
        if (flow.WhyNotRunHere is { } notHere && !c.Statuses.Contains(401)) return NotRun(c, notHere);
        var op = c.Operation;
        // A documented failure outcome is caused by sending to its reserved test number, which only our mock keeps.
        var outcome = OutcomeOf(c);
        if (outcome is not null && !runner.Target.HonoursPrefer) return NotRun(c, OutcomeNotRunReason);
        // Without credentials no id is looked up: a 401 case needs no application (and makes none on a read-only run).
        var app = c.Statuses.Contains(401) ? null : await flow.SharedAsync(cancel);
        if (app is null && !c.Statuses.Contains(401)) return SetupFailed(c, flow.SharedProblem);
        var appId = app?.ApplicationId ?? NeverIssued();
        // An email operation addresses the run's email template; the others its SMS template.
        var email = op == Ops.UpdateEmailTemplate || op == Ops.SendEmail || op == Ops.ResendEmail;
        var messageId = (email ? app?.EmailMessageId : app?.MessageId) is { Length: > 0 } issued ? issued : NeverIssued();

        // A path parameter's documented cause (applicationNotFound, templateNotFound, pinNotFound) is sent as
        // documented; every other id is one the run issued: its application, its template, a PIN sent just now.
        var ids = new Dictionary<string, string>();
        string? pinId = null;
        FlowLifecycle.RightPin? right = null;
        foreach (var parameter in op.PathParameters)
        {
            if (c.Name != ContractOperation.FallbackExample && outcome is null && parameter.Examples.TryGetValue(c.Name, out var documented))
                ids[parameter.Name] = documented;
            else if (parameter.Name == PinIdParameter && NeedsRealPin(c, runner.AsksWithPrefer(c)))
            {
                if (app is null) return SetupFailed(c, flow.SharedProblem);
                pinId = await SendPinAsync(app, op == Ops.ResendEmail ? Ops.SendEmail : Ops.SendSms,
                    op == Ops.ResendEmail ? flow.EmailTo : outcome?.To ?? flow.To, cancel);
                if (pinId is null) return SetupFailed(c, "sending the PIN the case addresses failed");
                right = await flow.ReadPinAsync(pinId, cancel, op == Ops.ResendEmail ? flow.EmailTo : null);
                ids[parameter.Name] = pinId;
            }
            else ids[parameter.Name] = parameter.Name == MessageIdParameter ? messageId : parameter.Name == PinIdParameter ? NeverIssued() : appId;
        }
        // The query as documented (?ncNeeded=true, an empty msisdn), the phone number the run's own.
        var query = c.QueryValues.ToDictionary();
        if (query.TryGetValue(MsisdnParameter, out var msisdn) && msisdn.Length > 0)
            query[MsisdnParameter] = msisdn.Contains('@') ? flow.EmailTo : flow.To;

        var values = c.RequestBody is { } example ? RequestBodies.Values(op, example) : null;
        if (values is not null && op == Ops.Verify && c.Name == ContractOperation.FallbackExample && c.ExpectsSuccess)
        {
            if (right?.Pin is null)
                return right?.Problem is { } problem ? SetupFailed(c, $"could not read the PIN: {problem}") : NotRun(c, right?.NotRunReason ?? PinSources.NoSourceReason);
            values["pin"] = right.Pin;
        }
        else if (values is not null && op == Ops.Verify && values.ContainsKey("pin") && right is not null)
            values["pin"] = FlowLifecycle.WrongPin(right);
        if (values is not null && (op == Ops.SendSms || op == Ops.SendVoice || op == Ops.SendEmail))
        {
            // The run's application and template, unless the case documents an unknown one (or, notEmailTemplate, the
            // run's SMS template sent over email); the recipient the run's.
            if (values.ContainsKey("applicationId") && c.Name != "applicationNotFound") values["applicationId"] = appId;
            if (values.ContainsKey("messageId") && c.Name is not ("applicationNotFound" or "templateNotFound"))
                values["messageId"] = c.Name == NotEmailTemplate ? app?.MessageId ?? NeverIssued() : messageId;
            if (values.ContainsKey("to")) values["to"] = email ? flow.EmailTo : outcome?.To ?? flow.To;
        }
        var queryText = query.Count == 0 ? "" : "?" + string.Join("&", query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));
        return new BoundCase(op.PathFor(ids) + queryText, values is null ? null : RequestBodies.Write(op, values, c.Format),
            Expect(c, values, pinId, right, messageId)
                .With(outcome is { } sentTo ? new ExpectedPin(sentTo.To, pinId) : null, outcome?.Expected));
    }

    /// <summary>The reserved test number of a case documenting a send outcome, and the statuses it must answer; null for any other case.</summary>
    private (string To, ExpectedOutcome Expected)? OutcomeOf(ContractCase c)
    {
        if (c.Operation != Ops.SendSms && c.Operation != Ops.ResendSms) return null;
        if (runner.Contract.SendOutcomes.TestRecipientOf(c.Name) is not { } to) return null;
        var documented = runner.Contract.SendOutcomes.TestRecipients[to];
        var statuses = new Dictionary<string, string>();
        if (documented.NcStatus is { } nc) statuses["ncStatus"] = nc;
        if (documented.SmsStatus is { } sms) statuses["smsStatus"] = sms;
        return (to, new ExpectedOutcome(c.Name, statuses));
    }

    /// <summary>
    /// A PIN is sent for the case only when its answer depends on one (a success, a 400 about the body): the envelope
    /// (405/406/415), credentials and Prefer are answered before any PIN is looked up, and each send is a message.
    /// </summary>
    private static bool NeedsRealPin(ContractCase c, bool prefer) =>
        !prefer && !c.CausedByEnvelope && (c.ExpectsSuccess || c.Statuses.Contains(400));

    /// <summary>What the answer must carry: the documented error, or the values the run sent and knows.</summary>
    private Expectation Expect(ContractCase c, JsonObject? sent, string? pinId, FlowLifecycle.RightPin? right, string messageId)
    {
        var expected = ConformanceRunner.For(c);
        if (!c.ExpectsSuccess)
            return expected.With(ErrorEnvelope.Of(c.Operation.FindResponseExample(c.Name, BodyFormat.Json)));
        var op = c.Operation;
        if (op == Ops.CreateTemplate || op == Ops.UpdateTemplate || op == Ops.CreateEmailTemplate || op == Ops.UpdateEmailTemplate)
            return expected.With(sent is null ? null : new ExpectedTemplate(sent));
        if (op == Ops.ListTemplates) return expected.With(new ExpectedTemplatesListed([messageId]));
        var tracked = FlowValue.Bool(sent?["trackDelivery"]) == true;
        if (op == Ops.SendSms || op == Ops.SendVoice) return expected.With(new ExpectedPin(flow.To, TrackDelivery: tracked));
        if (op == Ops.SendEmail) return expected.With(new ExpectedPin(flow.EmailTo));
        if (op == Ops.ResendSms || op == Ops.ResendVoice) return expected.With(new ExpectedPin(flow.To, pinId, tracked));
        if (op == Ops.ResendEmail) return expected.With(new ExpectedPin(flow.EmailTo, pinId));
        if (op == Ops.Verify && pinId is not null)
        {
            const int attempts = FlowLifecycle.PinAttempts; // a PIN sent for this case alone, under the flow's application
            return expected.With(c.Name == ContractOperation.FallbackExample && right?.Pin is not null
                ? new ExpectedVerification(pinId, true, null, 0)
                : new ExpectedVerification(pinId, false, "WRONG_PIN", attempts - 1, AttemptsBefore: attempts));
        }
        return expected;
    }

    private async Task<string?> SendPinAsync(FlowApplication app, ContractOperation send, string to, CancellationToken cancel)
    {
        var request = flow.SendRequest(send, app, BodyFormat.Json);
        request["to"] = to;
        var exchange = await runner.SendAsync(send, new PlannedRequest("POST", send.PathTemplate, BodyFormat.Json,
            RequestBodies.Write(send, request, BodyFormat.Json)), null, cancel);
        if (!exchange.Answered || exchange.Status is not (>= 200 and < 300)) return null;
        return JsonRead.String(JsonRead.TryParse(exchange.Body), "pinId") is { Length: > 0 } pinId ? pinId : null;
    }

    private static UnsentCase NotRun(ContractCase c, string reason) => new(new CaseResult(c.Id, "(not sent)", [], reason));

    private UnsentCase SetupFailed(ContractCase c, string problem) =>
        problem == flow.SharedProblem && flow.SharedNotRun
            ? NotRun(c, $"not run: {problem}")
            : new(runner.SetupFailed(c.Id, problem));

    private static string NeverIssued() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
