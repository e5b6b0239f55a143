using System.Security.Cryptography;
using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Profiles;

namespace TwoFactorContracts.ConformanceTests.Runner.Flow;

/// <summary>The PIN flow's refusals: unknown ids, the limits, a disabled application.</summary>
public sealed partial class FlowLifecycle
{
    /// <summary>The limits application: one send per application first, then one per phone number, two verifies per phone number.</summary>
    public static JsonObject LimitsConfiguration() => new()
    {
        ["pinAttempts"] = 10,
        ["verifyPinLimit"] = "2/1d",
        ["sendPinPerApplicationLimit"] = "1/1d",
        ["sendPinPerPhoneNumberLimit"] = "5/1d",
    };

    // ---- 4. unknown ids: 404 with the documented error, in JSON and XML ----

    public async Task<IReadOnlyList<CaseResult>> UnknownIdsAsync(CancellationToken cancel = default)
    {
        var steps = new ScenarioSteps(_runner, UnknownIds);
        if (_runner.Target.AnswersExamplesVerbatim) return steps.NotRun($"{UnknownIds}/verify", "not run: the examples-mode mock answers examples");
        var unknownApp = NeverIssued();
        var unknownPin = NeverIssued();
        foreach (var format in new[] { BodyFormat.Json, BodyFormat.Xml })
        {
            var suffix = format.Suffix();
            await steps.Send($"{UnknownIds}/verify of an unknown pinId gives 404 ({suffix})", _flow.Verify,
                Post(_flow.Verify, new JsonObject { ["pin"] = "123456" }, format, unknownPin),
                new Expectation([404], format).With(ErrorEnvelope.Documented(_flow.Verify, 404)), cancel);
            await steps.Send($"{UnknownIds}/resend of an unknown pinId gives 404 ({suffix})", _flow.ResendSms,
                new PlannedRequest("POST", FlowOperations.PathFor(_flow.ResendSms, unknownPin), format, RequestBodies.Write(_flow.ResendSms, new JsonObject(), format)),
                new Expectation([404], format).With(ErrorEnvelope.Documented(_flow.ResendSms, 404)), cancel);
            await steps.Send($"{UnknownIds}/templates of an unknown application give 404 ({suffix})", _flow.ListTemplates,
                new PlannedRequest("GET", FlowOperations.PathFor(_flow.ListTemplates, unknownApp), format),
                new Expectation([404], format).With(ErrorEnvelope.Documented(_flow.ListTemplates, 404, "application")), cancel);
        }
        if (_runner.ReadOnly) return steps.Results;
        var app = await SharedAsync(cancel);
        var send = FlowOperations.BasicRequest(_flow.SendSms);
        send["applicationId"] = unknownApp;
        send["to"] = To;
        await steps.Send($"{UnknownIds}/a send under an unknown application gives 404", _flow.SendSms,
            Post(_flow.SendSms, send, BodyFormat.Json),
            UnknownInSend(ErrorEnvelope.Documented(_flow.SendSms, 404, "application")), cancel);
        if (app is null) return steps.NotRun($"{UnknownIds}/an unknown template gives 404", $"not run: {SharedProblem}");
        await steps.Send($"{UnknownIds}/an unknown template of a known application gives 404", _flow.GetTemplate,
            new PlannedRequest("GET", FlowOperations.PathFor(_flow.GetTemplate, app.ApplicationId, NeverIssued()), BodyFormat.Xml),
            new Expectation([404], BodyFormat.Xml).With(ErrorEnvelope.Documented(_flow.GetTemplate, 404, "template")), cancel);
        send["applicationId"] = app.ApplicationId;
        send["messageId"] = NeverIssued();
        await steps.Send($"{UnknownIds}/a send with an unknown template gives 404", _flow.SendSms,
            Post(_flow.SendSms, send, BodyFormat.Json),
            UnknownInSend(ErrorEnvelope.Documented(_flow.SendSms, 404, "template")), cancel);
        return steps.Results;
    }

    /// <summary>An unknown id named in a send body must be refused; that the refusal is a 404 is the decision the contract marks.</summary>
    private Expectation UnknownInSend(ExpectedError error) =>
        new Expectation([404], BodyFormat.Json) { Decision = OurDecisions.Behind(_flow.SendSms, 404), MustRefuse = true }.With(error);

    // ---- 5. limits: per application, per phone number, verifies per phone number ----

    public async Task<IReadOnlyList<CaseResult>> LimitsAsync(CancellationToken cancel = default)
    {
        var steps = new ScenarioSteps(_runner, Limits);
        if (WhyNotRun() is { } why) return steps.NotRun($"{Limits}/1 create an application", why);
        var app = await CreateApplicationAsync(steps, Limits, "limits", LimitsConfiguration(), cancel);
        if (app is null) return steps.Stop("the application could not be created (see step 1)");
        var created = await steps.Send($"{Limits}/2 create a message template", _flow.CreateTemplate,
            Post(_flow.CreateTemplate, TemplateRequest("Your code is {{pin}}"), BodyFormat.Json, app.ApplicationId),
            new Expectation(_flow.CreateTemplate.SuccessStatuses.ToList(), BodyFormat.Json), cancel);
        if (FlowValue.Text(created?["messageId"]) is not { Length: > 0 } messageId) return steps.Stop("the template create gave no messageId (see step 2)");
        app = app with { MessageId = messageId };

        var pinId = await SendPinAsync(steps, $"{Limits}/3 the first send is within sendPinPerApplicationLimit 1/1d", _flow.SendSms, app, BodyFormat.Json, cancel);
        await RefusedAsync(steps, $"{Limits}/4 a second send beyond sendPinPerApplicationLimit is refused", _flow.SendSms,
            Post(_flow.SendSms, SendRequest(_flow.SendSms, app, BodyFormat.Json), BodyFormat.Json), 429, "application", OurDecisions.RefusedSend, cancel);

        // Raise the application's limit and lower the phone number's: the one send already made counts (history stays).
        var update = _runner.Contract.Operation(OperationRole.Update);
        var change = new JsonObject
        {
            ["name"] = app.Name,
            ["configuration"] = new JsonObject { ["sendPinPerApplicationLimit"] = "10/1d", ["sendPinPerPhoneNumberLimit"] = "1/1d" },
        };
        await steps.Send($"{Limits}/5 update: sendPinPerApplicationLimit 10/1d, sendPinPerPhoneNumberLimit 1/1d", update,
            new PlannedRequest("PUT", update.PathFor(app.ApplicationId), BodyFormat.Json, change.ToJsonString()),
            new Expectation([200], BodyFormat.Json).With(new ExpectedApplication(change)), cancel);
        await RefusedAsync(steps, $"{Limits}/6 a send beyond sendPinPerPhoneNumberLimit (counting the earlier send) is refused", _flow.SendSms,
            Post(_flow.SendSms, SendRequest(_flow.SendSms, app, BodyFormat.Xml), BodyFormat.Xml), 429, "phone", OurDecisions.RefusedSend, cancel);

        if (pinId is null) return steps.Stop("the first send gave no pinId (see step 3), so there is nothing to verify");
        var right = new RightPin(null, null, PinSources.NoSourceReason);
        for (var i = 1; i <= 2; i++)
            await VerifyAsync(steps, $"{Limits}/{6 + i} verify {i} of verifyPinLimit 2/1d answers (WRONG_PIN)", pinId, WrongPin(right), BodyFormat.Json,
                new ExpectedVerification(pinId, false, "WRONG_PIN", 10 - i, AttemptsBefore: 11 - i), cancel);
        await RefusedAsync(steps, $"{Limits}/9 a third verify beyond verifyPinLimit is refused", _flow.Verify,
            Post(_flow.Verify, new JsonObject { ["pin"] = WrongPin(right) }, BodyFormat.Json, pinId), 429, "verif", OurDecisions.RefusedVerify, cancel);
        return steps.Results;
    }

    // ---- 6. a disabled application sends nothing; what was sent before still verifies; enabled again, it sends ----

    public async Task<IReadOnlyList<CaseResult>> DisabledAsync(CancellationToken cancel = default)
    {
        var (steps, app) = await OnSharedAsync(Disabled, cancel);
        if (app is null) return steps.Results;
        var pinId = await SendPinAsync(steps, $"{Disabled}/1 send a PIN while the application is enabled", _flow.SendSms, app, BodyFormat.Json, cancel);
        var update = _runner.Contract.Operation(OperationRole.Update);
        var change = new JsonObject { ["name"] = app.Name, ["enabled"] = false };
        await steps.Send($"{Disabled}/2 disable the application", update,
            new PlannedRequest("PUT", update.PathFor(app.ApplicationId), BodyFormat.Json, change.ToJsonString()),
            new Expectation([200], BodyFormat.Json).With(new ExpectedApplication(change)), cancel);
        await RefusedAsync(steps, $"{Disabled}/3 a send of a disabled application is refused", _flow.SendSms,
            Post(_flow.SendSms, SendRequest(_flow.SendSms, app, BodyFormat.Json), BodyFormat.Json), 400, "disabled", OurDecisions.DisabledApplication, cancel);
        if (pinId is null) return steps.Stop("the first send gave no pinId (see step 1)");
        await RefusedAsync(steps, $"{Disabled}/4 a resend of a disabled application is refused", _flow.ResendSms,
            new PlannedRequest("POST", FlowOperations.PathFor(_flow.ResendSms, pinId), BodyFormat.Xml, RequestBodies.Write(_flow.ResendSms, new JsonObject(), BodyFormat.Xml)),
            400, "disabled", OurDecisions.DisabledApplication, cancel);
        var right = await ReadPinAsync(pinId, cancel);
        await VerifyAsync(steps, $"{Disabled}/5 a PIN sent before still verifies (a wrong one answers WRONG_PIN)", pinId, WrongPin(right), BodyFormat.Json,
            new ExpectedVerification(pinId, false, "WRONG_PIN", app.PinAttempts - 1, AttemptsBefore: app.PinAttempts), cancel);
        // Enabled again, it sends again: the change applies to what comes next (and the shared application serves on).
        change["enabled"] = true;
        await steps.Send($"{Disabled}/6 enable the application again", update,
            new PlannedRequest("PUT", update.PathFor(app.ApplicationId), BodyFormat.Json, change.ToJsonString()),
            new Expectation([200], BodyFormat.Json).With(new ExpectedApplication(change)), cancel);
        await SendPinAsync(steps, $"{Disabled}/7 enabled again, it sends", _flow.SendSms, app, BodyFormat.Json, cancel);
        return steps.Results;
    }

    /// <summary>A step the target must refuse with the documented error (the one whose text or name mentions <paramref name="hint"/>).</summary>
    private async Task RefusedAsync(ScenarioSteps steps, string id, ContractOperation operation, PlannedRequest request, int status, string? hint,
        string decision, CancellationToken cancel)
    {
        var error = ErrorEnvelope.Find(operation, status, hint) ?? ErrorEnvelope.Find(_flow.SendSms, status, hint);
        await steps.Send(id, operation, request,
            new Expectation([status], request.Format) { Decision = decision, MustRefuse = true }.With(error), cancel, expects429: status == 429);
    }

    /// <summary>An id no target issued: 32 upper-case hex, the shape of the API's own ids.</summary>
    private static string NeverIssued() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
