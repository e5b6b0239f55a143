using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Behaviour;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Credentials;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.MockServer.Faults;
using TwoFactorContracts.MockServer.Flow;
using TwoFactorContracts.MockServer.Flow.Templates;
using TwoFactorContracts.MockServer.Flavours;
using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.Pipeline;
using TwoFactorContracts.MockServer.Responses;
using TwoFactorContracts.MockServer.Routing;
using TwoFactorContracts.MockServer.State;
using TwoFactorContracts.MockServer.State.Redis;
using TwoFactorContracts.MockServer.Throttling;
using TwoFactorContracts.MockServer.Validation;
using StackExchange.Redis;

namespace TwoFactorContracts.MockServer.Composition;

/// <summary>The request pipeline, the state behind it, and the contract's case stubs this mode loads into WireMock.</summary>
/// <param name="Templates">The message templates: in this process's memory whatever the --store (with <c>--store redis</c>
/// each replica keeps its own templates and PIN flow: docs/mock.md); reset with the rest.</param>
/// <param name="CaseStubMappings">Built when first loaded into WireMock, after the pipeline answers: not on the way to the first answer.</param>
internal sealed record MockParts(RequestPipeline Pipeline, IStateStore Store, ExampleCatalog Catalog, RequestThrottle? Throttle,
    Lazy<IReadOnlyList<WireMock.Admin.Mappings.MappingModel>> CaseStubMappings, PinFlow Flow, TemplateStore Templates)
{
    public IReadOnlyList<WireMock.Admin.Mappings.MappingModel> CaseStubs => CaseStubMappings.Value;

    /// <summary>The ids of the contract's stubs: not user stubs.</summary>
    public HashSet<Guid> CaseStubIds => _caseStubIds ??= [.. CaseStubs.Select(s => s.Guid!.Value)];

    private HashSet<Guid>? _caseStubIds;
}

/// <summary>
/// Composes the one pipeline every operation passes (Prism's factory): its stages, each operation's resource, the
/// request bodies and the renderer, all read from the contract. Reads the contract (the slow part of startup), so it
/// runs beside WireMock's start.
/// </summary>
internal static class PipelineFactory
{
    /// <param name="redis">The Redis connection for --store redis:// (the store owns it from now on); null: memory.</param>
    /// <param name="flow">The PIN engine (the host's, which the admin endpoints share); null: a new one from the options.</param>
    /// <param name="stubsInFront">True for the hosted mock: WireMock's case stubs answer Prefer (and examples mode) before
    /// the pipeline. False for the in-process handler (no WireMock): the pipeline answers Prefer itself and no stubs are built.</param>
    public static MockParts Build(MockServerOptions options, CredentialCheck credentials, IConnectionMultiplexer? redis = null, PinFlow? flow = null,
        bool stubsInFront = true)
    {
        var contract = ContractDocument.Load(options.ContractPath, AppContext.BaseDirectory);
        var flowContract = PinFlowContract.From(contract);
        var catalog = ExampleCatalog.FromContract(contract);
        var flavour = ApiFlavour.Of(options.Flavour);
        var names = flavour.ListRoot is { } listRoot ? contract.XmlNames with { ListRoot = listRoot } : contract.XmlNames;
        var models = new ResourceModels(contract.Fields, flowContract);
        var seed = DocumentedSeed.From(catalog, models.Applications, options.Seed);
        var (store, stateful) = State(options, models.Applications, seed, redis, new StatefulRules(flavour.NotFound, flavour.IssuesProcessIds));
        var templates = new TemplateStore();
        flow ??= PinFlowOf(options);
        if (flowContract is not null) LearnOutcomes(flow.Outcomes, flowContract.SendOutcomes);

        var settings = new PipelineSettings(options.MaxBodyBytes, options.CreateStatus,
            options.DelayMs > 0 ? new FixedDelay(TimeSpan.FromMilliseconds(options.DelayMs)) : null)
        {
            Validation = new ValidationRules(flavour.TimeLengthOptional),
            AnswersPrefer = !stubsInFront,
        };
        var throttle = options.Throttle.Enabled
            ? new RequestThrottle(
                contract.AllOperations.ToDictionary(d => Operation.Of(d.OperationId), d => options.Throttle.BudgetOf(d.Throttling)),
                options.Clock, options.MaxAccounts, DocumentedError.For(catalog, 429), flavour.SendsRetryAfter)
            : null;
        var examplesMode = options.Mode == MockMode.Examples;
        var stages = new PipelineStages(
            new Router([.. contract.AllOperations.Select(o => (o.OperationId, o.Method, o.PathTemplate))],
                contract.Operation(Operation.GetApplication.Id).PathParameter),
            credentials,
            // Examples mode: what no case stub matched gets the default (basic) answer, or the stages' errors; nothing reads state.
            examplesMode ? _ => null : stateful,
            Resources(examplesMode, catalog, options.CreateStatus, contract, flowContract, models, flow, templates),
            new RequestBodies(models, o => RequestRootsOf(flowContract, names, o), o => contract.Operation(o.Id).RequestBodyRequired),
            new QueryReader(catalog.Answers.Keys.ToDictionary(o => o, o => (IReadOnlyList<QueryParameterRule>)contract.Operation(o.Id).QueryParameters
                .Select(q => new QueryParameterRule(q.Name, q.Required, q.IsBoolean, q.Default)).ToList())),
            Renderer(flowContract, names, models),
            new PreferCheck(catalog),
            options.ForbiddenCredentials is { Count: > 0 } configured ? new ForbiddenCredentials(configured, DocumentedError.For(catalog, 403)) : null,
            throttle);
        // Examples mode: every case's stubs. Stateful mode: only the Prefer stubs (plain requests answer from state).
        var stubs = new Lazy<IReadOnlyList<WireMock.Admin.Mappings.MappingModel>>(() => stubsInFront
            ? [.. CaseMappings.From(contract, options.CreateStatus).Where(m => examplesMode || m.AnswersPrefer).Select(WireMockNetMappings.ToModel)]
            : []);
        contract.SaveCache(); // after every read of it, so the next start reads all it needs from the cache
        return new MockParts(new RequestPipeline(stages, settings), store, catalog, throttle, stubs, flow, templates);
    }

    /// <summary>
    /// Each operation's resource. Examples mode: the documented answers for all. Stateful: the applications', and the
    /// templates' and the PIN flow's when the contract has them; an operation the mock has no behaviour for answers
    /// its documented example.
    /// </summary>
    private static Dictionary<Operation, IResourceBehaviour> Resources(bool examplesMode, ExampleCatalog catalog, int createStatus,
        ContractDocument contract, PinFlowContract? flowContract, ResourceModels models, PinFlow flow, TemplateStore templates)
    {
        var examples = new ExampleResource(catalog, createStatus);
        var resources = catalog.Answers.Keys.ToDictionary(o => o, _ => (IResourceBehaviour)examples);
        if (examplesMode) return resources;
        foreach (var operation in Operation.WithBehaviour.Where(o => o.IsApplicationOperation)) resources[operation] = ApplicationsResource.Instance;
        if (flowContract is null) return resources;
        var lookups = new AccountLookups(templates, models.Applications);
        var shape = new TemplateShape(models.Template!);
        var templatesResource = new TemplatesResource(lookups, shape);
        var ncNeeded = contract.Operation(Operation.SendPinOverSms.Id).QueryParameters.FirstOrDefault(q => q.Name == PinsResource.NcNeeded)?.Default;
        var pins = new PinsResource(flow, lookups, shape, models.Send!, models.Resend!, (models.EmailSend!, models.EmailResend!), models.Verify!,
            resendLooksUp: ncNeeded == "true");
        foreach (var operation in TemplateOperations) resources[operation] = templatesResource;
        foreach (var operation in PinOperations) resources[operation] = pins;
        resources[Operation.GetVerificationStatus] = new VerificationsResource(flow);
        return resources;
    }

    /// <summary>The message template operations, every channel's.</summary>
    private static readonly Operation[] TemplateOperations =
    [
        Operation.ListMessageTemplates, Operation.CreateMessageTemplate, Operation.GetMessageTemplate, Operation.UpdateMessageTemplate,
        Operation.CreateEmailMessageTemplate, Operation.UpdateEmailMessageTemplate,
    ];

    /// <summary>The sends, resends and the verify of every channel.</summary>
    private static readonly Operation[] PinOperations =
    [
        Operation.SendPinOverSms, Operation.SendPinOverVoice, Operation.SendPinOverEmail,
        Operation.ResendPinOverSms, Operation.ResendPinOverVoice, Operation.ResendPinOverEmail, Operation.VerifyPin,
    ];

    /// <summary>The XML roots a body is read under: the contract's own first, then the others it accepts.</summary>
    private static IReadOnlyList<string> RequestRootsOf(PinFlowContract? flow, ContractXmlNames names, Operation operation)
    {
        if (operation.IsApplicationOperation) return [names.RequestRoot, ContractXmlNames.AlternateRequestRoot];
        var roots = flow!.RootsOf(operation);
        var root = roots.Request ?? Missing(operation, "request root");
        return [root, .. roots.RequestAlso.Where(r => r != root)];
    }

    /// <summary>
    /// The writers of every answer: the applications' under the contract's names; a template in JSON alike and in XML
    /// under each operation's root (a create's or update's, a get's), the list under the list's; the PIN flow's answers by
    /// the contract's answer schemas.
    /// </summary>
    private static ResponseRenderer Renderer(PinFlowContract? flow, ContractXmlNames names, ResourceModels models)
    {
        var applications = new RecordBodies(new XmlBodies(names, models.Applications), new JsonBodies(models.Applications));
        var records = Operation.WithBehaviour.Where(o => o.IsApplicationOperation).ToDictionary(o => o, _ => applications);
        var answers = new Dictionary<Operation, AnswerBodies>();
        if (flow is null) return new ResponseRenderer(applications.Xml, records, answers);
        var listed = flow.RootsOf(Operation.ListMessageTemplates);
        var templateNames = new ContractXmlNames(
            RequestRoot: flow.RootsOf(Operation.CreateMessageTemplate).Request ?? Missing(Operation.CreateMessageTemplate, "request root"),
            ResponseRoot: ResponseRoot(flow, Operation.GetMessageTemplate),
            ListRoot: listed.Response ?? Missing(Operation.ListMessageTemplates, "answer root"),
            ListItem: listed.ResponseItem ?? Missing(Operation.ListMessageTemplates, "list item"),
            ErrorRoot: names.ErrorRoot);
        var template = models.Template!;
        var json = new JsonBodies(template);
        // An email template's create and update answer its answer schema's fields only (no pinPlaceholder, as the document's EmailMessage).
        var emailFields = template.ResponseTop.Where(f => flow.EmailTemplateAnswer.Contains(f.Contract.JsonName)).ToArray();
        var emailJson = new JsonBodies(template, emailFields);
        var byRoot = new Dictionary<string, RecordBodies>();
        foreach (var operation in TemplateOperations)
        {
            var root = operation == Operation.ListMessageTemplates ? templateNames.ResponseRoot : ResponseRoot(flow, operation);
            var email = operation == Operation.CreateEmailMessageTemplate || operation == Operation.UpdateEmailMessageTemplate;
            if (!byRoot.TryGetValue(root, out var bodies))
                byRoot[root] = bodies = email
                    ? new RecordBodies(new XmlBodies(templateNames with { ResponseRoot = root }, template, emailFields), emailJson)
                    : new RecordBodies(new XmlBodies(templateNames with { ResponseRoot = root }, template), json);
            records[operation] = bodies;
        }
        foreach (var operation in PinOperations.Append(Operation.GetVerificationStatus))
            answers[operation] = new AnswerBodies(flow.AnswerOf(operation));
        return new ResponseRenderer(applications.Xml, records, answers);
    }

    private static string ResponseRoot(PinFlowContract flow, Operation operation) => flow.RootsOf(operation).Response ?? Missing(operation, "answer root");

    private static string Missing(Operation operation, string what) =>
        throw new InvalidDataException($"The contract names no XML {what} for {operation.Id}.");

    /// <summary>The send outcomes the contract documents, and its reserved test numbers, for the engine's per-recipient outcomes.</summary>
    private static void LearnOutcomes(RecipientOutcomes outcomes, ContractSendOutcomes documented) =>
        outcomes.Learn(
            new DocumentedOutcomes([.. documented.Sms.Select(o => (o.NcStatus!, o.SmsStatus!))], documented.CallStatuses),
            documented.TestRecipients.ToDictionary(r => r.Key, r => new SendOutcome(r.Value.NcStatus, r.Value.SmsStatus, r.Value.CallStatus), StringComparer.Ordinal));

    /// <summary>The PIN engine the options describe (--clock, --fixed-pin), on the options' clock.</summary>
    public static PinFlow PinFlowOf(MockServerOptions options) =>
        new(new FlowClock(options.ClockMode, options.Clock), new FixedPins(options.FixedPin));

    /// <summary>The store the options name, and the stateful behaviour of an account in it.</summary>
    private static (IStateStore, Func<Credential, IApplicationBehaviour?>) State(
        MockServerOptions options, FieldModel model, IReadOnlyList<StoredRecord> seed, IConnectionMultiplexer? redis, StatefulRules rules)
    {
        if (redis is null)
        {
            var memory = new ApplicationStore(() => seed, options.MaxAccounts);
            return (memory, credential => memory.ForAccount(credential.Account) is { } account
                ? new StatefulApplications(account, rules)
                : AccountLimitReached.Instance);
        }
        var shared = new RedisApplicationStore(redis, options.RedisStore!, options.StorePrefix, options.MaxAccounts, model, seed, options.StoreTimeoutMs);
        return (shared, credential => new SharedStatefulApplications(shared, credential.Account, rules));
    }
}
