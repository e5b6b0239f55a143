using System.Security.Cryptography;
using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Profiles;

namespace TwoFactorContracts.ConformanceTests.Runner.Flow;

/// <summary>An application of the run with a message template (and an email template when the contract has email): what the PIN flow's steps send under.</summary>
public sealed record FlowApplication(string ApplicationId, string MessageId, string Name, int PinAttempts)
{
    /// <summary>The application's email template, or empty (a contract without email, or not made).</summary>
    public string EmailMessageId { get; init; } = "";
}

/// <summary>
/// The 2FA user journey as scenarios, each step judged by the same checks as every case: an application with a
/// configuration, a template, a send, a wrong PIN, the right PIN (from the PIN source), the verification status;
/// attempts running out; expiry (our mock's clock); a disabled application; unknown ids; the limits refusing.
/// The configuration is chosen so each rule shows within a few requests. A step resting on our own decision says so
/// in a failure, and a profile entry for that decision accepts a different refusal (see <see cref="Decided"/>).
/// </summary>
public sealed partial class FlowLifecycle : IDisposable
{
    public const string Journey = "flow/journey";
    public const string Attempts = "flow/attempts";
    public const string Resend = "flow/resend";
    public const string Expiry = "flow/expiry";
    public const string UnknownIds = "flow/unknown-ids";
    public const string Limits = "flow/limits";
    public const string Disabled = "flow/disabled";
    public const string Email = "flow/email";

    /// <summary>pinAttempts of the journey's application: three wrong PINs use them up.</summary>
    public const int PinAttempts = 3;

    private readonly ConformanceRunner _runner;
    private readonly FlowOperations _flow;
    private readonly MockAdmin? _admin;
    private FlowApplication? _shared;

    public FlowLifecycle(ConformanceRunner runner)
    {
        _runner = runner;
        _flow = new FlowOperations(runner.Contract);
        _admin = PinSources.Admin(runner.Settings, runner.Target);
        PinSource = PinSources.For(runner.Settings, runner.Target, _admin);
    }

    internal FlowOperations Operations => _flow;

    /// <summary>Why the flow cannot run against this target at all (examples mode, read-only), or null.</summary>
    internal string? WhyNotRunHere => WhyNotRun();

    /// <summary>Where the right PIN comes from; null: the right-PIN steps are not run.</summary>
    public IPinSource? PinSource { get; }

    /// <summary>Every scenario's id and how to run it; the disabled application comes last (it disables the shared one for a while).</summary>
    public IReadOnlyList<(string Id, Func<CancellationToken, Task<IReadOnlyList<CaseResult>>> Run)> Scenarios =>
        !_flow.Present ? [] :
        [
            (Journey, JourneyAsync),
            (Attempts, AttemptsAsync),
            (Resend, ResendAsync),
            (Expiry, ExpiryAsync),
            (UnknownIds, UnknownIdsAsync),
            (Limits, LimitsAsync),
            (Outcomes, OutcomesAsync),
            .. _flow.HasEmail ? [(Email, (Func<CancellationToken, Task<IReadOnlyList<CaseResult>>>)EmailAsync)] : Array.Empty<(string, Func<CancellationToken, Task<IReadOnlyList<CaseResult>>>)>(),
            (Disabled, DisabledAsync),
        ];

    /// <summary>The phone number every send goes to: --pin-to, else the contract's send example's.</summary>
    public string To => _runner.Settings.PinTo
        ?? JsonRead.String(FlowOperations.BasicRequest(_flow.SendSms), "to")
        ?? throw new InvalidDataException("the contract's sendPinOverSms example names no recipient ('to'): give --pin-to");

    /// <summary>The email address every email send goes to: the contract's sendPinOverEmail example's (an example.com address, which no mail reaches).</summary>
    public string EmailTo => JsonRead.String(FlowOperations.BasicRequest(_flow.SendEmail), "to")
        ?? throw new InvalidDataException("the contract's sendPinOverEmail example names no recipient ('to')");

    /// <summary>The journey's configuration: the limits wide enough for the run's own requests (verifyPinLimit's default is 1/3s).</summary>
    public static JsonObject JourneyConfiguration() => new()
    {
        ["pinAttempts"] = PinAttempts,
        ["allowMultiplePinVerifications"] = false,
        ["pinTimeToLive"] = "15m",
        ["verifyPinLimit"] = "100/1d",
        ["sendPinPerApplicationLimit"] = "1000/1d",
        ["sendPinPerPhoneNumberLimit"] = "100/1d",
    };

    // ---- 1. the journey: application, template, send, wrong PIN, right PIN, status ----

    public async Task<IReadOnlyList<CaseResult>> JourneyAsync(CancellationToken cancel = default)
    {
        var steps = new ScenarioSteps(_runner, Journey);
        if (WhyNotRun() is { } why) return steps.NotRun($"{Journey}/1 create an application", why);
        var app = await CreateApplicationAsync(steps, Journey, "journey", JourneyConfiguration(), cancel);
        if (app is null) return steps.Stop("the application could not be created (see step 1)");
        var template = TemplateRequest("Your code is {{pin}}");
        var created = await steps.Send($"{Journey}/2 create a message template", _flow.CreateTemplate,
            Post(_flow.CreateTemplate, template, BodyFormat.Json, app.ApplicationId),
            new Expectation(_flow.CreateTemplate.SuccessStatuses.ToList(), BodyFormat.Json).With(new ExpectedTemplate(template)), cancel);
        if (FlowValue.Text(created?["messageId"]) is not { Length: > 0 } messageId)
            return steps.Stop("the template create gave no messageId (see step 2)");
        _shared = app = await WithEmailTemplateAsync(steps, $"{Journey}/2b", app with { MessageId = messageId }, cancel);

        await steps.Send($"{Journey}/3 get the template (XML) shows it", _flow.GetTemplate,
            new PlannedRequest("GET", FlowOperations.PathFor(_flow.GetTemplate, app.ApplicationId, messageId), BodyFormat.Xml),
            new Expectation([200], BodyFormat.Xml).With(new ExpectedTemplate(template)), cancel);
        var changed = TemplateRequest("Your login code is {{pin}}");
        await steps.Send($"{Journey}/4 update the template answers the new text", _flow.UpdateTemplate,
            new PlannedRequest("PUT", FlowOperations.PathFor(_flow.UpdateTemplate, app.ApplicationId, messageId), BodyFormat.Json,
                RequestBodies.Write(_flow.UpdateTemplate, changed, BodyFormat.Json)),
            new Expectation([200], BodyFormat.Json).With(new ExpectedTemplate(changed)), cancel);
        await steps.Send($"{Journey}/5 the template list holds it", _flow.ListTemplates,
            new PlannedRequest("GET", FlowOperations.PathFor(_flow.ListTemplates, app.ApplicationId), BodyFormat.Json),
            new Expectation([200], BodyFormat.Json).With(new ExpectedTemplatesListed([messageId])), cancel);

        var pinId = await SendPinAsync(steps, $"{Journey}/6 send a PIN over SMS", _flow.SendSms, app, BodyFormat.Json, cancel);
        if (pinId is null) return steps.Stop("the send gave no pinId (see step 6)");
        var right = await ReadPinAsync(pinId, cancel);
        await VerifyAsync(steps, $"{Journey}/7 a wrong PIN answers WRONG_PIN and one attempt fewer", pinId, WrongPin(right), BodyFormat.Json,
            new ExpectedVerification(pinId, false, "WRONG_PIN", PinAttempts - 1, AttemptsBefore: PinAttempts), cancel);
        var verified = await VerifyRightAsync(steps, $"{Journey}/8 the right PIN verifies", pinId, right, BodyFormat.Xml,
            new ExpectedVerification(pinId, true, null, 0), cancel);
        await steps.Send($"{Journey}/9 the verification status lists the phone number (verified when step 8 was)", _flow.Status,
            new PlannedRequest("GET", FlowOperations.PathFor(_flow.Status, app.ApplicationId) + $"?msisdn={Uri.EscapeDataString(To)}", BodyFormat.Json),
            new Expectation([200], BodyFormat.Json).With(new ExpectedVerificationStatus(To, verified)), cancel);
        if (verified)
        {
            var id = $"{Journey}/10 verified again without allowMultiplePinVerifications it does not verify";
            var again = await VerifyAsync(steps, id, pinId, right.Pin!, BodyFormat.Json,
                new ExpectedVerification(pinId, false, "NO_MORE_PIN_ATTEMPTS", 0), cancel);
            Decided(steps, OurDecisions.VerifiedOnce, refused: FlowValue.Bool(again?["verified"]) != true);
        }
        else steps.NotRun($"{Journey}/10 verified again without allowMultiplePinVerifications it does not verify",
            right.Pin is null ? right.NotRunReason : "not run: the right PIN did not verify (step 8)");
        return steps.Results;
    }

    // ---- 2. attempts run out; a resend keeps the pinId ----

    public async Task<IReadOnlyList<CaseResult>> AttemptsAsync(CancellationToken cancel = default)
    {
        var (steps, app) = await OnSharedAsync(Attempts, cancel);
        if (app is null) return steps.Results;
        var pinId = await SendPinAsync(steps, $"{Attempts}/1 send a PIN over SMS (XML)", _flow.SendSms, app, BodyFormat.Xml, cancel);
        if (pinId is null) return steps.Stop("the send gave no pinId (see step 1)");
        await ResendPinAsync(steps, $"{Attempts}/2 a resend keeps the pinId", pinId, cancel);
        var right = await ReadPinAsync(pinId, cancel);
        for (var wrong = 1; wrong <= app.PinAttempts; wrong++)
            await VerifyAsync(steps, $"{Attempts}/{wrong + 2} wrong PIN {wrong} of {app.PinAttempts} leaves {app.PinAttempts - wrong}", pinId, WrongPin(right),
                wrong % 2 == 0 ? BodyFormat.Xml : BodyFormat.Json,
                new ExpectedVerification(pinId, false, "WRONG_PIN", app.PinAttempts - wrong, AttemptsBefore: app.PinAttempts - wrong + 1), cancel);
        var next = app.PinAttempts + 3;
        await VerifyAsync(steps, $"{Attempts}/{next} with no attempts left a wrong PIN answers NO_MORE_PIN_ATTEMPTS", pinId, WrongPin(right), BodyFormat.Json,
            new ExpectedVerification(pinId, false, "NO_MORE_PIN_ATTEMPTS", 0), cancel);
        await VerifyRightAsync(steps, $"{Attempts}/{next + 1} with no attempts left the right PIN does not verify", pinId, right, BodyFormat.Json,
            new ExpectedVerification(pinId, false, "NO_MORE_PIN_ATTEMPTS", 0), cancel);
        return steps.Results;
    }

    // ---- 3. a resend sends the same PIN (the document says so) ----

    public async Task<IReadOnlyList<CaseResult>> ResendAsync(CancellationToken cancel = default)
    {
        var (steps, app) = await OnSharedAsync(Resend, cancel);
        if (app is null) return steps.Results;
        var pinId = await SendPinAsync(steps, $"{Resend}/1 send a PIN over SMS", _flow.SendSms, app, BodyFormat.Json, cancel);
        if (pinId is null) return steps.Stop("the send gave no pinId (see step 1)");
        var before = await ReadPinAsync(pinId, cancel);
        await ResendPinAsync(steps, $"{Resend}/2 resend it (keeps the pinId)", pinId, cancel);
        await VerifyRightAsync(steps, $"{Resend}/3 the PIN read before the resend verifies (a resend sends the same PIN)", pinId, before, BodyFormat.Json,
            new ExpectedVerification(pinId, true, null, 0), cancel);
        return steps.Results;
    }

    // ---- 4. expiry: our mock's clock, or real time on a short pinTimeToLive ----

    /// <summary>The time to live the real-time expiry sets, and how long it waits after the send's answer.</summary>
    public const string ShortTimeToLive = "2s";
    public static readonly TimeSpan ExpiryWait = TimeSpan.FromSeconds(3);

    public async Task<IReadOnlyList<CaseResult>> ExpiryAsync(CancellationToken cancel = default)
    {
        var steps = new ScenarioSteps(_runner, Expiry);
        if (WhyNotRun() is { } why) return steps.NotRun($"{Expiry}/1 send", why);
        if (_admin is null && _runner.Settings.NoExpiry)
            return steps.NotRun($"{Expiry}/1 send, wait out pinTimeToLive, verify", "not run: --no-expiry (CONFORMANCE_NO_EXPIRY)");
        if (await SharedAsync(cancel) is not { } app) return steps.NotRun($"{Expiry}/1 send", $"not run: {SharedProblem}");
        return _admin is null ? await ExpiryInRealTimeAsync(steps, app, cancel) : await ExpiryOnMockClockAsync(steps, app, _admin, cancel);
    }

    private async Task<IReadOnlyList<CaseResult>> ExpiryOnMockClockAsync(ScenarioSteps steps, FlowApplication app, MockAdmin admin, CancellationToken cancel)
    {
        var pinId = await SendPinAsync(steps, $"{Expiry}/1 send a PIN over voice", _flow.SendVoice, app, BodyFormat.Json, cancel);
        if (pinId is null) return steps.Stop("the send gave no pinId (see step 1)");
        var right = await ReadPinAsync(pinId, cancel);
        var problem = await admin.AdvanceClockAsync("16m", cancel);
        steps.Add(new CaseResult($"{Expiry}/2 the mock's clock moves past pinTimeToLive (15m)", $"POST /{MockAdmin.ClockPath} {{\"advance\":\"16m\"}}",
            [problem is null ? new CheckVerdict("clock", Outcome.Passed, "advanced 16m") : new CheckVerdict("clock", Outcome.Failed, problem)]));
        if (problem is not null) return steps.Stop("the clock did not move (see step 2)");
        await VerifyExpiredAsync(steps, $"{Expiry}/3", pinId, right, cancel);
        return steps.Results;
    }

    /// <summary>
    /// Without our mock's clock: the flow's application gets pinTimeToLive 2s, a PIN is sent, the run waits 3 s
    /// after the answer (the target counts from when it received the send, before that), verifies, and puts the
    /// journey's 15m back. Two updates and one send; a few seconds of the run's time.
    /// </summary>
    private async Task<IReadOnlyList<CaseResult>> ExpiryInRealTimeAsync(ScenarioSteps steps, FlowApplication app, CancellationToken cancel)
    {
        var shortLived = JourneyConfiguration();
        shortLived["pinTimeToLive"] = ShortTimeToLive;
        await ConfigureAsync(steps, $"{Expiry}/1 update the flow's application: pinTimeToLive {ShortTimeToLive}", app, shortLived, cancel);
        if (!steps.Results[^1].Passed) return steps.Stop("the application's pinTimeToLive could not be shortened (see step 1)");
        try
        {
            var pinId = await SendPinAsync(steps, $"{Expiry}/2 send a PIN over voice", _flow.SendVoice, app, BodyFormat.Json, cancel);
            if (pinId is null) return steps.Stop("the send gave no pinId (see step 2)");
            var right = await ReadPinAsync(pinId, cancel);
            await _runner.Gate.WaitAsync(ExpiryWait, $"{Expiry} lets pinTimeToLive {ShortTimeToLive} pass", cancel);
            await VerifyExpiredAsync(steps, $"{Expiry}/3 {ExpiryWait.TotalSeconds:0} s later", pinId, right, cancel);
        }
        finally
        {
            // The journey's configuration back, so the scenarios after this one see the application they expect.
            await ConfigureAsync(steps, $"{Expiry}/4 put the flow's application back: pinTimeToLive 15m", app, JourneyConfiguration(), cancel);
        }
        return steps.Results;
    }

    /// <summary>Updates the application's whole configuration (nothing left to an update's merging) and checks the answer.</summary>
    private Task<JsonObject?> ConfigureAsync(ScenarioSteps steps, string id, FlowApplication app, JsonObject configuration, CancellationToken cancel)
    {
        var update = _runner.Contract.Operation(OperationRole.Update);
        var change = new JsonObject { ["name"] = app.Name, ["configuration"] = configuration };
        return steps.Send(id, update, new PlannedRequest("PUT", update.PathFor(app.ApplicationId), BodyFormat.Json, change.ToJsonString()),
            new Expectation([200], BodyFormat.Json).With(new ExpectedApplication(change)), cancel);
    }

    /// <summary>Resends a PIN over SMS: the answer must keep its pinId.</summary>
    private Task<JsonObject?> ResendPinAsync(ScenarioSteps steps, string id, string pinId, CancellationToken cancel) =>
        steps.Send(id, _flow.ResendSms, new PlannedRequest("POST", FlowOperations.PathFor(_flow.ResendSms, pinId), BodyFormat.Json, "{}"),
            new Expectation(_flow.ResendSms.SuccessStatuses.ToList(), BodyFormat.Json).With(new ExpectedPin(To, pinId)), cancel);

    /// <summary>Expiry comes before the PIN is compared: the right PIN (when known) or any PIN answers TTL_EXPIRED.</summary>
    private Task<JsonObject?> VerifyExpiredAsync(ScenarioSteps steps, string step, string pinId, RightPin right, CancellationToken cancel) =>
        VerifyAsync(steps, $"{step} after pinTimeToLive the {(right.Pin is null ? "" : "right ")}PIN answers TTL_EXPIRED", pinId,
            right.Pin ?? WrongPin(right), BodyFormat.Xml, new ExpectedVerification(pinId, false, "TTL_EXPIRED", null), cancel);

    // ---- 8. email, the third channel: an email template, a PIN over email, its status ----

    public async Task<IReadOnlyList<CaseResult>> EmailAsync(CancellationToken cancel = default)
    {
        var steps = new ScenarioSteps(_runner, Email);
        if (WhyNotRun() is { } why) return steps.NotRun($"{Email}/1 create an email template", why);
        if (await SharedAsync(cancel) is not { } shared) return steps.NotRun($"{Email}/1 create an email template", $"not run: {SharedProblem}");
        var template = EmailTemplateRequest();
        var created = await steps.Send($"{Email}/1 create an email message template (XML)", _flow.CreateEmailTemplate,
            Post(_flow.CreateEmailTemplate, template, BodyFormat.Xml, shared.ApplicationId),
            new Expectation(_flow.CreateEmailTemplate.SuccessStatuses.ToList(), BodyFormat.Xml).With(new ExpectedTemplate(template)), cancel);
        if (FlowValue.Text(created?["messageId"]) is not { Length: > 0 } messageId) return steps.Stop("the email template create gave no messageId (see step 1)");
        var app = shared with { EmailMessageId = messageId };

        var partial = new JsonObject { ["landingPageId"] = "1_65432" };
        var expected = template.DeepClone().AsObject();
        expected["landingPageId"] = "1_65432";
        await steps.Send($"{Email}/2 a partial update changes only what it sends", _flow.UpdateEmailTemplate,
            new PlannedRequest("PUT", FlowOperations.PathFor(_flow.UpdateEmailTemplate, app.ApplicationId, messageId), BodyFormat.Json,
                RequestBodies.Write(_flow.UpdateEmailTemplate, partial, BodyFormat.Json)),
            new Expectation([200], BodyFormat.Json).With(new ExpectedTemplate(expected)), cancel);
        await steps.Send($"{Email}/3 the template list holds the email template beside the SMS template", _flow.ListTemplates,
            new PlannedRequest("GET", FlowOperations.PathFor(_flow.ListTemplates, app.ApplicationId), BodyFormat.Json),
            new Expectation([200], BodyFormat.Json).With(new ExpectedTemplatesListed([app.MessageId, messageId])), cancel);

        var answer = await steps.Send($"{Email}/4 send a PIN over email", _flow.SendEmail, Post(_flow.SendEmail, SendRequest(_flow.SendEmail, app, BodyFormat.Json), BodyFormat.Json),
            new Expectation(_flow.SendEmail.SuccessStatuses.ToList(), BodyFormat.Json).With(new ExpectedPin(EmailTo)), cancel);
        if (FlowValue.Text(answer?["pinId"]) is not { Length: > 0 } pinId) return steps.Stop("the send gave no pinId (see step 4)");
        var right = await ReadPinAsync(pinId, cancel, EmailTo);
        await steps.Send($"{Email}/5 a resend over email keeps the pinId", _flow.ResendEmail,
            new PlannedRequest("POST", FlowOperations.PathFor(_flow.ResendEmail, pinId), BodyFormat.Xml, null),
            new Expectation(_flow.ResendEmail.SuccessStatuses.ToList(), BodyFormat.Xml).With(new ExpectedPin(EmailTo, pinId)), cancel);
        await VerifyAsync(steps, $"{Email}/6 a wrong PIN answers WRONG_PIN and one attempt fewer", pinId, WrongPin(right), BodyFormat.Json,
            new ExpectedVerification(pinId, false, "WRONG_PIN", PinAttempts - 1, AttemptsBefore: PinAttempts), cancel);
        var verified = await VerifyRightAsync(steps, $"{Email}/7 the right PIN (read before the resend) verifies", pinId, right, BodyFormat.Json,
            new ExpectedVerification(pinId, true, null, 0), cancel);
        await steps.Send($"{Email}/8 the verification status lists the email address (verified when step 7 was)", _flow.Status,
            new PlannedRequest("GET", FlowOperations.PathFor(_flow.Status, app.ApplicationId) + $"?msisdn={Uri.EscapeDataString(EmailTo)}", BodyFormat.Json),
            new Expectation([200], BodyFormat.Json).With(new ExpectedVerificationStatus(EmailTo, verified)), cancel);
        return steps.Results;
    }

    // ---- shared pieces ----

    /// <summary>Why the flow cannot run against this target at all, or null.</summary>
    private string? WhyNotRun() =>
        _runner.Target.AnswersExamplesVerbatim ? "not run: the PIN flow needs a stateful target (the examples-mode mock answers examples)"
        : _runner.ReadOnly ? "not run: it writes, and CONFORMANCE_READ_ONLY=true"
        : null;

    /// <summary>True when the shared application was not made for a budget (not a failure of the target).</summary>
    internal bool SharedNotRun { get; private set; }

    internal string SharedProblem { get; private set; } = "the flow's application could not be created";

    /// <summary>
    /// A scenario that runs on the shared application: its steps, and the application, or null when this target cannot
    /// run it or the application could not be had (its first step, <c>SCENARIO/1 send</c>, then says why).
    /// </summary>
    private async Task<(ScenarioSteps Steps, FlowApplication? App)> OnSharedAsync(string scenario, CancellationToken cancel)
    {
        var steps = new ScenarioSteps(_runner, scenario);
        if (WhyNotRun() is { } why) { steps.NotRun($"{scenario}/1 send", why); return (steps, null); }
        if (await SharedAsync(cancel) is { } app) return (steps, app);
        steps.NotRun($"{scenario}/1 send", $"not run: {SharedProblem}");
        return (steps, null);
    }

    /// <summary>The journey's application and template, or (when the journey did not run first) one made for the scenario.</summary>
    internal async Task<FlowApplication?> SharedAsync(CancellationToken cancel)
    {
        if (_shared is not null) return _shared;
        await _sharing.WaitAsync(cancel);
        try { return _shared ?? await CreateSharedAsync(cancel); }
        finally { _sharing.Release(); }
    }

    private readonly SemaphoreSlim _sharing = new(1, 1);

    private async Task<FlowApplication?> CreateSharedAsync(CancellationToken cancel)
    {
        var steps = new ScenarioSteps(_runner, "flow/setup");
        var app = await CreateApplicationAsync(steps, "flow/setup", "flow", JourneyConfiguration(), cancel);
        if (app is not null)
        {
            var created = await steps.Send("flow/setup/2 create a message template", _flow.CreateTemplate,
                Post(_flow.CreateTemplate, TemplateRequest("Your code is {{pin}}"), BodyFormat.Json, app.ApplicationId),
                new Expectation(_flow.CreateTemplate.SuccessStatuses.ToList(), BodyFormat.Json), cancel);
            if (FlowValue.Text(created?["messageId"]) is { Length: > 0 } messageId)
                return _shared = await WithEmailTemplateAsync(steps, "flow/setup/3", app with { MessageId = messageId }, cancel);
        }
        // Not run for a budget (creates, --no-wait) is no failure of the target: the cases it cuts are "not run" too.
        SharedNotRun = steps.Results.Any(r => r.Skipped) && !steps.Results.Any(r => !r.Passed && !r.Skipped);
        SharedProblem = $"the flow's application could not be set up: {string.Join("; ", steps.Results.Where(r => !r.Passed).Select(r => r.Skipped ? r.SkipReason : string.Join(", ", r.Failures.Select(f => f.Reason))))}";
        return null;
    }

    private async Task<FlowApplication?> CreateApplicationAsync(ScenarioSteps steps, string scenario, string purpose, JsonObject configuration, CancellationToken cancel)
    {
        var create = _runner.Contract.Operation(OperationRole.Create);
        var id = $"{scenario}/1 create an application with a configuration";
        if (!_runner.Budget.TryReserve())
        {
            steps.NotRun(id, $"not run: the run has used its {_runner.Budget.Max} creates (--max-creates)");
            return null;
        }
        var sent = new JsonObject { ["name"] = _runner.Budget.NameFor(purpose), ["enabled"] = true, ["configuration"] = configuration };
        var answer = await steps.Send(id, create,
            new PlannedRequest("POST", create.PathTemplate, BodyFormat.Json, sent.ToJsonString()),
            new Expectation(create.SuccessStatuses.ToList(), BodyFormat.Json).With(new ExpectedApplication(RequestBodies.WithDefaults(sent, create.RequestSchema(BodyFormat.Json)))), cancel);
        return FlowValue.Text(answer?["applicationId"]) is { Length: > 0 } applicationId
            ? new FlowApplication(applicationId, "", JsonRead.String(sent, "name")!, FlowValue.Int(configuration["pinAttempts"]) ?? 10)
            : null;
    }

    /// <summary>The documented template request with our text: a NUMERIC PIN of 6, so a wrong PIN is easy to make.</summary>
    private JsonObject TemplateRequest(string messageText)
    {
        var values = FlowOperations.BasicRequest(_flow.CreateTemplate);
        values["messageText"] = messageText;
        values["pinType"] = "NUMERIC";
        values["pinLength"] = 6;
        return values;
    }

    private static PlannedRequest Post(ContractOperation operation, JsonObject values, BodyFormat format, params string[] ids) =>
        new("POST", FlowOperations.PathFor(operation, ids), format, RequestBodies.Write(operation, values, format));

    /// <summary>Sends a PIN under the application's template; returns the pinId issued, or null.</summary>
    private async Task<string?> SendPinAsync(ScenarioSteps steps, string id, ContractOperation send, FlowApplication app, BodyFormat format, CancellationToken cancel)
    {
        var answer = await steps.Send(id, send, Post(send, SendRequest(send, app, format), format),
            new Expectation(send.SuccessStatuses.ToList(), format).With(new ExpectedPin(To)), cancel);
        return FlowValue.Text(answer?["pinId"]) is { Length: > 0 } pinId ? pinId : null;
    }

    internal JsonObject SendRequest(ContractOperation send, FlowApplication app, BodyFormat format)
    {
        var email = send == _flow.SendEmail;
        var values = FlowOperations.BasicRequest(send);
        values["applicationId"] = app.ApplicationId;
        values["messageId"] = email ? app.EmailMessageId : app.MessageId;
        values["to"] = email ? EmailTo : To;
        if (format == BodyFormat.Xml)
        {
            // a map has no fixed XML names
            values.Remove("placeholders");
            values.Remove("landingPagePlaceholders");
        }
        return values;
    }

    /// <summary>The application with an email template too when the contract has email (what the email cases address); as it was otherwise.</summary>
    private async Task<FlowApplication> WithEmailTemplateAsync(ScenarioSteps steps, string id, FlowApplication app, CancellationToken cancel)
    {
        if (!_flow.HasEmail) return app;
        var email = await steps.Send($"{id} create an email message template", _flow.CreateEmailTemplate,
            Post(_flow.CreateEmailTemplate, EmailTemplateRequest(), BodyFormat.Json, app.ApplicationId),
            new Expectation(_flow.CreateEmailTemplate.SuccessStatuses.ToList(), BodyFormat.Json).With(new ExpectedTemplate(EmailTemplateRequest())), cancel);
        return app with { EmailMessageId = FlowValue.Text(email?["messageId"]) ?? "" };
    }

    /// <summary>The documented email template request with a NUMERIC PIN of 6, so a wrong PIN is easy to make.</summary>
    internal JsonObject EmailTemplateRequest()
    {
        var values = FlowOperations.BasicRequest(_flow.CreateEmailTemplate);
        values["pinType"] = "NUMERIC";
        values["pinLength"] = 6;
        return values;
    }

    private Task<JsonObject?> VerifyAsync(ScenarioSteps steps, string id, string pinId, string pin, BodyFormat format, ExpectedVerification expected,
        CancellationToken cancel) =>
        steps.Send(id, _flow.Verify, Post(_flow.Verify, new JsonObject { ["pin"] = pin }, format, pinId),
            new Expectation([200], format).With(expected), cancel);

    /// <summary>Verifies with the right PIN when the source gave it; otherwise the step is kept as not run (no source) or failed (the source failed).</summary>
    private async Task<bool> VerifyRightAsync(ScenarioSteps steps, string id, string pinId, RightPin right, BodyFormat format, ExpectedVerification expected,
        CancellationToken cancel)
    {
        if (right.Pin is null)
        {
            if (right.Problem is null) steps.NotRun(id, right.NotRunReason);
            else steps.Add(new CaseResult(id, $"(not sent: reading the PIN from {PinSource!.Description})",
                [new CheckVerdict("pin-source", Outcome.Failed, $"could not read the PIN: {right.Problem}")]));
            return false;
        }
        var answer = await VerifyAsync(steps, id, pinId, right.Pin, format, expected, cancel);
        return expected.Verified && FlowValue.Bool(answer?["verified"]) == true;
    }

    /// <summary>The right PIN of a pinId, read once from the source; or why it is unknown.</summary>
    internal sealed record RightPin(string? Pin, string? Problem, string NotRunReason);

    internal async Task<RightPin> ReadPinAsync(string pinId, CancellationToken cancel, string? to = null)
    {
        if (PinSource is null) return new RightPin(null, null, PinSources.NoSourceReason);
        var reading = await PinSource.ReadAsync(pinId, to ?? To, cancel);
        return new RightPin(reading.Pin, reading.Problem, $"not run: the right PIN could not be read from {PinSource.Description}: {reading.Problem}");
    }

    /// <summary>A PIN that is not the right one: six digits, different from the right PIN when it is known.</summary>
    internal static string WrongPin(RightPin right)
    {
        var wrong = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
        return wrong == right.Pin ? ((int.Parse(wrong) + 1) % 1_000_000).ToString("D6") : wrong;
    }

    /// <summary>
    /// The last step rests on one of our decisions: a failure says so; a profile accepting it takes what the target did
    /// instead when it still <paramref name="refused"/> (did not verify), never an answer that verified.
    /// </summary>
    private void Decided(ScenarioSteps steps, string decision, bool refused)
    {
        var last = steps.Results[^1];
        if (last.Passed || last.Skipped) return;
        steps.Results[^1] = last with
        {
            Verdicts = [.. OurDecisions.Review(last.Verdicts, decision, _runner.Profile, "it answered otherwise", refused)],
        };
    }

    public void Dispose()
    {
        if (PinSource is IDisposable source && !ReferenceEquals(source, _admin)) source.Dispose();
        _admin?.Dispose();
        _sharing.Dispose();
    }
}
