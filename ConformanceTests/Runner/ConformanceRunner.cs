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
        Client = new TargetClient(target.BaseUrl, settings.Authorization, settings.Timeout);
        Chain = new ApplicationChain(this);
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

    public async Task<CaseResult> RunAsync(ContractCase c, CancellationToken cancel = default)
    {
        if (WhyNotRunnable(c) is { } reason) return new CaseResult(c.Id, "(not sent)", [], reason);
        if (NotSentForProfile(c) is { } relaxedCase) return relaxedCase;
        // A documented create is made on purpose: it counts against --max-creates like the chain's.
        if (c.Operation.Role() == OperationRole.Create && c.ExpectsSuccess && !Target.AnswersExamplesVerbatim && !Budget.TryReserve())
            return new CaseResult(c.Id, "(not sent)", [], $"not run: the run has used its {Budget.Max} creates (--max-creates)");
        try { return await SendCaseAsync(c, cancel); }
        catch (BudgetSpentException e) { return new CaseResult(c.Id, "(not sent)", [], e.NotRunReason); }
        catch (Exception e) when (!CaseGuard.IsStop(e, cancel)) { return CaseGuard.Failed(c.Id, "(not judged)", e, Mask); }
    }

    private async Task<CaseResult> SendCaseAsync(ContractCase c, CancellationToken cancel)
    {
        var operation = c.Operation;

        var (pathId, chained, problem) = await PathIdAsync(c, cancel);
        if (problem is not null) return SetupFailed(c.Id, problem);
        // A list must contain the application the run reads (made or found once per run, like a link from create).
        if (operation.Role() == OperationRole.List && c.ExpectsSuccess && !Target.AnswersExamplesVerbatim)
            chained = await Chain.ForReadingAsync(cancel);

        string? body = null;
        JsonObject? sent = null;
        if (c.RequestBody is { } example)
        {
            if (Target.AnswersExamplesVerbatim) body = example.Text;
            else
            {
                sent = RequestBodies.Values(operation, example);
                if (sent.ContainsKey("name"))
                    sent["name"] = operation.Role() == OperationRole.Update && chained?.Values?["name"] is { } current
                        ? current.DeepClone()
                        : Budget.NameFor($"{operation.OperationId}-{c.Name}-{c.Format.Suffix()}");
                body = RequestBodies.Write(operation, sent, c.Format);
            }
        }
        // Every path parameter of the case (a template's application too) and its query (ncNeeded=true, msisdn=...).
        var request = new PlannedRequest(c.Method, operation.PathFor(c.PathValues, pathId) + c.Query, c.Format, body,
            WithCredentials: !c.Statuses.Contains(401),
            Prefer: NeedsPrefer(c) && !SendsForbiddenCredential(c) ? $"example={c.Name}" : null,
            Credential: SendsForbiddenCredential(c) ? Settings.ForbiddenAuthorization : null,
            Accept: c.Accept,
            ContentType: c.ContentType);
        var sentName = (sent ?? (c.RequestBody is { } b ? RequestBodies.Values(operation, b) : null))?["name"]?.ToString();
        // A 429 the case asks for (Prefer: example=tooManyRequests) is its answer; any other 429 is throttling.
        var exchange = await SendAsync(operation, request, sentName, cancel, asked429: request.Prefer is not null && c.Statuses.Contains(429));
        return Judge(c.Id, operation, exchange, Expect(c, sent, chained));
    }

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
        try { return await SendNegativeAsync(n, cancel); }
        catch (BudgetSpentException e) { return new CaseResult(n.Id, "(not sent)", [], e.NotRunReason); }
        catch (Exception e) when (!CaseGuard.IsStop(e, cancel)) { return CaseGuard.Failed(n.Id, "(not judged)", e, Mask); }
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
        var exchange = await SendAsync(operation, request, (broken["name"] as JsonValue)?.ToString(), cancel);
        var expected = new Expectation([400], n.Format)
            .With(ErrorEnvelope.AgreedMessageId(operation, 400) is { } id ? new ExpectedError(id, null) : null);
        // A rule of ours, not the API's: a failure says so (a profile accepting it does not send the case at all).
        var decision = OurDecisions.Behind(n);
        var result = Judge(n.Id, operation, exchange, expected with { Decision = decision });
        return result with
        {
            Request = $"{result.Request}: {Mask.Apply(n.Description)}{(decision is null ? "" : $" [{OurDecisions.Describe(Contract.Provenance.Decisions, decision)}]")}",
        };
    }

    /// <summary>Runs the checks on an exchange; used by the documented, negative and lifecycle cases alike.</summary>
    public CaseResult Judge(string id, ContractOperation operation, Exchange exchange, Expectation expected)
    {
        var context = new CheckContext(operation, exchange, expected, Settings.Mode, Profile);
        var reviewed = ProfileReview.Apply(Profile, id, context, CheckSet.Run(context));
        if (expected.Decision is { } decision)
            reviewed = OurDecisions.Review(reviewed, decision, Profile, OurDecisions.Did(exchange), OurDecisions.Excusable(exchange, expected.MustRefuse));
        var verdicts = reviewed
            .Select(v => v with
            {
                Reason = Mask.Apply(v.Reason),
                Expected = v.Expected is null ? null : Mask.Apply(v.Expected),
                Received = v.Received is null ? null : Mask.Apply(v.Received),
            })
            .ToList();
        return new CaseResult(id, Mask.Apply(exchange.Request.ToString()), verdicts);
    }

    public async Task<Exchange> SendAsync(ContractOperation operation, PlannedRequest request, string? sentName, CancellationToken cancel = default, bool asked429 = false)
    {
        var exchange = await Gate.SendAsync(operation, () => Client.SendAsync(request, cancel), cancel, asked429);
        Budget.Observe(exchange, operation, sentName);
        return exchange;
    }

    private async Task<(string? Id, ChainedApplication? Chained, string? Problem)> PathIdAsync(ContractCase c, CancellationToken cancel)
    {
        if (c.Operation.PathParameter is null) return (null, null, null);
        // The examples-mode mock serves the documented ids; an id documented as a cause (notFound) is sent as is.
        if (Target.AnswersExamplesVerbatim || (c.Name != ContractOperation.FallbackExample && c.Operation.PathExamples.ContainsKey(c.Name)))
            return (c.PathId, null, null);
        // A read-only run sends only what cannot write (a PUT without credentials), so the read application serves.
        var chained = c.Operation.Method == "GET" || ReadOnly ? await Chain.ForReadingAsync(cancel) : await Chain.ForUpdatingAsync(cancel);
        return chained.Problem is null
            ? (chained.Id, chained, null)
            : (null, null, $"no application to address: {chained.Problem}");
    }

    /// <summary>What the answer must be: the paired documented status and format, and the values the run knows.</summary>
    private Expectation Expect(ContractCase c, JsonObject? sent, ChainedApplication? chained)
    {
        var expected = For(c);
        if (!c.ExpectsSuccess)
            return expected.With(ErrorEnvelope.Of(Documented(c)), Target.AnswersExamplesVerbatim ? ExpectedExample.Of(Documented(c)) : null);
        if (Target.AnswersExamplesVerbatim) return expected.With(ExpectedExample.Of(Documented(c)));
        return c.Operation.Role() switch
        {
            OperationRole.Create when sent is not null =>
                expected.With(new ExpectedApplication(RequestBodies.WithDefaults(sent, c.Operation.RequestSchema(BodyFormat.Json)))),
            OperationRole.Update when sent is not null => expected.With(new ExpectedApplication(Merge(chained?.Values, sent))),
            OperationRole.Read when chained?.Values is not null => expected.With(new ExpectedApplication(chained.Values)),
            OperationRole.List => expected.With(new ExpectedListMembers([.. chained?.Id is null ? [] : new[] { chained.Identity }, .. SeedApplications(c.Operation)])),
            _ => expected,
        };
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

    /// <summary>The seed page's applications (the list example), which a fresh account holds when the profile says so.</summary>
    private IEnumerable<JsonObject> SeedApplications(ContractOperation list)
    {
        if (!Profile.AccountStartsWithSeedApplications) return [];
        var example = list.FindResponseExample(ContractOperation.FallbackExample, BodyFormat.Json);
        return JsonRead.TryParse(example?.Text) is JsonArray items
            ? items.OfType<JsonObject>().Select(i => new JsonObject { ["applicationId"] = i["applicationId"]?.DeepClone(), ["name"] = i["name"]?.DeepClone() })
            : [];
    }

    /// <summary>An update keeps what it leaves out: the known state with the sent values laid over it.</summary>
    private static JsonObject Merge(JsonObject? before, JsonObject sent)
    {
        var merged = (JsonObject?)before?.DeepClone() ?? new JsonObject();
        foreach (var (key, value) in sent)
        {
            if (value is JsonObject nested && merged[key] is JsonObject existing)
                foreach (var (k, v) in nested) existing[k] = v?.DeepClone();
            else merged[key] = value?.DeepClone();
        }
        return merged;
    }

    private static JsonNode? Documented(ContractCase c)
    {
        var example = c.ResponseExample;
        return example.Format == BodyFormat.Json
            ? JsonRead.TryParse(example.Text)
            : c.Operation.ResponseSchema(c.Statuses[0], BodyFormat.Xml).XmlToJson(example.Text);
    }

    private CaseResult SetupFailed(string id, string problem) =>
        new(id, "(not sent)", [new CheckVerdict("path-id", Outcome.Failed, Mask.Apply(problem))]);

    public void Dispose() => Client.Dispose();
}
