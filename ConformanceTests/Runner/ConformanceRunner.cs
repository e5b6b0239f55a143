using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Planning;
using TwoFactorContracts.ConformanceTests.Profiles;

namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>
/// Replays contract cases against one target: assembles each request (path id, body, credentials, Prefer),
/// sends it through the request budgets, works out what the answer must be, and composes the checks into verdicts,
/// reviewed by the target profile.
/// </summary>
public sealed class ConformanceRunner : IDisposable
{
    public ConformanceRunner(ConformanceTarget target, ConformanceSettings settings, ContractDocument? contract = null,
        TargetProfile? profile = null, RequestGate? gate = null)
    {
        Target = target;
        Settings = settings;
        Contract = contract ?? ContractDocument.Load();
        Profile = (profile ?? TargetProfile.Load(settings.Profile)).BindTo(Contract);
        Gate = gate ?? new RequestGate(Budgets(Profile, Contract, settings), settings.NoWait);
        Mask = new CredentialMask([settings.Authorization, settings.ForbiddenAuthorization, settings.AdminAuthorization]);
        Budget = new CreateBudget(settings.RunId, settings.MaxCreates);
        Client = target.Client is { } http
            ? new TargetClient(http, settings.Authorization, settings.Timeout)
            : new TargetClient(target.BaseUrl, settings.Authorization, settings.Timeout);
        Chain = new ApplicationChain(this);
        ApplicationCases = new ApplicationCases(this);
    }

    /// <summary>The profile's budgets with the settings' overrides (op=N/window) laid over them.</summary>
    public static IReadOnlyDictionary<string, Throttling> Budgets(TargetProfile profile, ContractDocument contract, ConformanceSettings settings)
    {
        var budgets = new Dictionary<string, Throttling>(profile.BudgetsFor(contract));
        foreach (var text in settings.BudgetOverrides)
        {
            var (operationId, budget) = BudgetText.ParseOverride(contract, text);
            budgets[operationId] = budget;
        }
        return budgets;
    }

    public TargetProfile Profile { get; }

    /// <summary>Every request passes here: budgets, waits, 429 back-off.</summary>
    public RequestGate Gate { get; }

    public ConformanceTarget Target { get; }

    public ConformanceSettings Settings { get; }

    public ContractDocument Contract { get; }

    public CredentialMask Mask { get; }

    public CreateBudget Budget { get; }

    public TargetClient Client { get; }

    public ApplicationChain Chain { get; }

    public bool ReadOnly => Settings.ReadOnly;

    /// <summary>Why a documented case cannot run against this target, or null when it can.</summary>
    public string? WhyNotRunnable(ContractCase c)
    {
        if (c.Statuses.Contains(413) && !Target.HonoursPrefer)
            return "no request causes a 413 reliably: the body limit is the target's own and not documented; only our mock answers it on Prefer (CONFORMANCE_TARGET_KIND=mock)";
        if (c.Statuses.Contains(403) && !Target.HonoursPrefer && !SendsForbiddenCredential(c))
            return "a 403 needs a credential the target forbids: give one with --forbidden-auth (CONFORMANCE_FORBIDDEN_AUTH)";
        if (NeedsPrefer(c) && !Target.HonoursPrefer && !SendsForbiddenCredential(c))
            return $"a {c.Statuses[0]} can only be asked for with the Prefer header, which only our mock honours (CONFORMANCE_TARGET_KIND=mock says the target is our mock)";
        if (ReadOnly && Writes(c)) return "it writes, and CONFORMANCE_READ_ONLY=true";
        return null;
    }

    /// <summary>
    /// A documented 400 case whose request breaks only a rule the profile relaxes (ours, or one today's document
    /// drops) is not sent: a target that accepts it would keep what it wrote, and the API has no delete.
    /// </summary>
    public CaseResult? NotSentForProfile(ContractCase c) =>
        !Target.AnswersExamplesVerbatim && Profile.Relaxes(c) is { } relaxed
            ? new CaseResult(c.Id, "(not sent)", [new CheckVerdict("profile", Outcome.Accepted, relaxed.Reason) { Deviation = relaxed.Id }],
                $"not sent: the profile relaxes the rule it rests on ({relaxed.Id}: {relaxed.Reason})")
            : null;

    /// <summary>A documented 403 is caused by the forbidden credential when the run has one (CONFORMANCE_FORBIDDEN_AUTH).</summary>
    public bool SendsForbiddenCredential(ContractCase c) => c.Statuses.Contains(403) && Settings.ForbiddenAuthorization is not null;

    public static bool NeedsPrefer(ContractCase c) => c.NeedsNoRequestCause && !c.Statuses.Contains(401);

    /// <summary>A case writes when a correct target could change state in answer to it.</summary>
    public static bool Writes(ContractCase c) =>
        c.Method is not "GET" && !c.Statuses.Any(s => s is 401 or 403 or 404);

    public async Task<IReadOnlyList<CaseResult>> RunAllAsync(IEnumerable<ContractCase> cases, CancellationToken cancel = default)
    {
        var results = new List<CaseResult>();
        foreach (var c in cases) results.Add(await RunAsync(c, cancel));
        return results;
    }

    public Task<CaseResult> RunAsync(ContractCase c, CancellationToken cancel = default) => RunAsync(c, ApplicationCases, cancel);

    /// <summary>The documented cases of the application operations, bound through the application chain.</summary>
    public ApplicationCases ApplicationCases { get; }

    /// <summary>
    /// Runs a documented case: whether it can be sent here, then the values <paramref name="binding"/> fills in, then the
    /// request built from the case (<see cref="RequestFor"/>), sent and judged like every request of the run.
    /// </summary>
    public async Task<CaseResult> RunAsync(ContractCase c, ICaseBinding binding, CancellationToken cancel = default)
    {
        if (binding.JudgedElsewhere(c) is { } elsewhere) return new CaseResult(c.Id, "(not sent)", [], elsewhere);
        if (WhyNotRunnable(c) is { } reason) return new CaseResult(c.Id, "(not sent)", [], reason);
        if (NotSentForProfile(c) is { } relaxedCase) return relaxedCase;
        return await CaseGuard.RunAsync(c.Id, "(not judged)", Mask, cancel, async () => await binding.BindAsync(c, cancel) switch
        {
            BoundCase bound => await SendBoundAsync(c, bound, cancel),
            UnsentCase unsent => unsent.Result,
            var other => throw new InvalidOperationException($"a case is bound or unsent, not {other.GetType().Name}"),
        });
    }

    private async Task<CaseResult> SendBoundAsync(ContractCase c, BoundCase bound, CancellationToken cancel)
    {
        var request = RequestFor(c, bound.Path, bound.Body);
        // A 429 the case asks for (Prefer: example=tooManyRequests) is its answer; any other 429 is throttling.
        var (result, _) = await SendAndJudgeAsync(c.Id, c.Operation, request, bound.Expected, cancel, bound.SentName,
            asked429: request.Prefer is not null && c.Statuses.Contains(429));
        return result;
    }

    /// <summary>
    /// The request of a documented case: its method, media types and credentials (none for a 401, the forbidden one for
    /// a 403 when the run has it), and Prefer where only our mock can be asked for the answer.
    /// </summary>
    public PlannedRequest RequestFor(ContractCase c, string path, string? body) =>
        new(c.Method, path, c.Format, body,
            WithCredentials: !c.Statuses.Contains(401),
            Prefer: AsksWithPrefer(c) ? $"example={c.Name}" : null,
            Credential: SendsForbiddenCredential(c) ? Settings.ForbiddenAuthorization : null,
            Accept: c.Accept,
            ContentType: c.ContentType);

    /// <summary>The case asks for its answer with <c>Prefer: example=name</c> (which only our mock honours).</summary>
    public bool AsksWithPrefer(ContractCase c) => NeedsPrefer(c) && !SendsForbiddenCredential(c);

    /// <summary>Why a negative case is not sent to this target: read-only, or the profile relaxes the rule it breaks.</summary>
    public (string Reason, Deviation? Relaxing)? WhyNotSent(NegativeCase n)
    {
        if (ReadOnly) return ("a target that wrongly accepts it would write, and CONFORMANCE_READ_ONLY=true", null);
        // A target that does not enforce the rule would keep the application, on an account that cannot delete.
        var relaxing = Profile.Relaxes(n);
        return relaxing is null ? null : ($"not sent: the profile relaxes this rule ({relaxing.Id}: {relaxing.Reason})", relaxing);
    }

    public async Task<CaseResult> RunAsync(NegativeCase n, CancellationToken cancel = default)
    {
        if (WhyNotSent(n) is { } why)
            return new CaseResult(n.Id, "(not sent)",
                why.Relaxing is { } d ? [new CheckVerdict("profile", Outcome.Accepted, d.Reason) { Deviation = d.Id }] : [], why.Reason);
        return await CaseGuard.RunAsync(n.Id, "(not judged)", Mask, cancel, () => SendNegativeAsync(n, cancel));
    }

    private async Task<CaseResult> SendNegativeAsync(NegativeCase n, CancellationToken cancel)
    {
        var operation = n.Operation;
        ChainedApplication? chained = null;
        if (operation.PathParameter is not null)
        {
            chained = Target.AnswersExamplesVerbatim
                ? new ChainedApplication(operation.PathExamples[ContractOperation.FallbackExample], null, null)
                : await Chain.ForUpdatingAsync(cancel);
            if (chained.Problem is not null) return SetupFailed(n.Id, $"no application to address: {chained.Problem}");
        }
        var baseValues = RequestBodies.Values(operation, operation.FindRequestExample(ContractOperation.FallbackExample, BodyFormat.Json)!);
        baseValues["name"] = chained?.Values?["name"]?.DeepClone() ?? Budget.NameFor($"{operation.OperationId}-negative");
        var broken = n.Apply(baseValues);
        var request = new PlannedRequest(operation.Method, operation.PathFor(chained?.Id), n.Format,
            RequestBodies.Write(operation, broken, n.Format));
        // A rule of ours, not the API's: a failure says so (a profile accepting it does not send the case at all).
        var decision = OurDecisions.Behind(n);
        var expected = new Expectation([400], n.Format) { Decision = decision }
            .With(ErrorEnvelope.AgreedMessageId(operation, 400) is { } id ? new ExpectedError(id, null) : null);
        var (result, _) = await SendAndJudgeAsync(n.Id, operation, request, expected, cancel, (broken["name"] as JsonValue)?.ToString());
        return result with
        {
            Request = $"{result.Request}: {Mask.Apply(n.Description)}{(decision is null ? "" : $" [{OurDecisions.Describe(Contract.Provenance.Decisions, decision)}]")}",
        };
    }

    /// <summary>
    /// The one way a case or step is sent and judged: through the request budgets (<see cref="SendAsync"/>), then the
    /// checks on the answer. Returns the result and the context the checks read (the answer's values, for a scenario's
    /// next step).
    /// </summary>
    public async Task<(CaseResult Result, CheckContext Context)> SendAndJudgeAsync(string id, ContractOperation operation, PlannedRequest request,
        Expectation expected, CancellationToken cancel, string? sentName = null, bool asked429 = false)
    {
        var exchange = await SendAsync(operation, request, sentName, cancel, asked429);
        var context = new CheckContext(operation, exchange, expected, Settings.Mode, Profile);
        var result = Judge(id, context);
        Judged?.Invoke(id, context, result);
        return (result, context);
    }

    /// <summary>
    /// Told of every exchange sent and judged through <see cref="SendAndJudgeAsync"/> (a documented or negative case,
    /// a scenario's step): its case id, what the checks read and their verdicts. <c>tfc compare</c> keeps them per case
    /// to lay one target's answers beside another's; null (the default) for a plain run.
    /// </summary>
    public Action<string, CheckContext, CaseResult>? Judged { get; set; }

    /// <summary>Runs the checks on an exchange; used by the documented, negative and lifecycle cases alike.</summary>
    public CaseResult Judge(string id, ContractOperation operation, Exchange exchange, Expectation expected) =>
        Judge(id, new CheckContext(operation, exchange, expected, Settings.Mode, Profile));

    private CaseResult Judge(string id, CheckContext context) =>
        new(id, Mask.Apply(context.Exchange.Request.ToString()), AnswerReview.Judge(id, context, Mask));

    public async Task<Exchange> SendAsync(ContractOperation operation, PlannedRequest request, string? sentName, CancellationToken cancel = default, bool asked429 = false)
    {
        var exchange = await Gate.SendAsync(operation, () => Client.SendAsync(request, cancel), cancel, asked429);
        Budget.Observe(exchange, operation, sentName);
        return exchange;
    }

    /// <summary>
    /// The expectation every documented case starts from: its statuses and format, and the decision of ours its answer
    /// rests on. A refusal of the request itself (an unknown id, a limit) must stay a refusal, however worded; what the
    /// HTTP envelope causes (405, 406, 415) or the server's own body limit (413) may be answered any way below 500.
    /// </summary>
    public static Expectation For(ContractCase c)
    {
        var decision = OurDecisions.Behind(c);
        var envelope = c.CausedByEnvelope || c.Statuses.Contains(413);
        return new Expectation(c.Statuses, c.Format) { Decision = decision, MustRefuse = decision is not null && !c.ExpectsSuccess && !envelope };
    }

    /// <summary>A case whose setup failed (no application to address): failed, not sent.</summary>
    public CaseResult SetupFailed(string id, string problem) =>
        new(id, "(not sent)", [new CheckVerdict("path-id", Outcome.Failed, Mask.Apply(problem))]);

    public void Dispose() => Client.Dispose();
}
