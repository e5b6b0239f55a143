using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Behaviour;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Credentials;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.MockServer.Faults;
using TwoFactorContracts.MockServer.Flow;
using TwoFactorContracts.MockServer.Flavours;
using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.Pipeline;
using TwoFactorContracts.MockServer.Responses;
using TwoFactorContracts.MockServer.State;
using TwoFactorContracts.MockServer.State.Redis;
using TwoFactorContracts.MockServer.Throttling;
using TwoFactorContracts.MockServer.Validation;
using StackExchange.Redis;

namespace TwoFactorContracts.MockServer.Composition;

/// <summary>The request pipeline and the state behind it, built from the options and the contract.</summary>
/// <summary>The request pipeline, the state behind it, and the contract's case stubs this mode loads into WireMock.</summary>
internal sealed record MockParts(RequestPipeline Pipeline, IStateStore Store, ExampleCatalog Catalog, RequestThrottle? Throttle,
    IReadOnlyList<WireMock.Admin.Mappings.MappingModel> CaseStubs, PinFlow Flow, FlowParts? FlowParts = null)
{
    /// <summary>The ids of the contract's stubs: not user stubs.</summary>
    public HashSet<Guid> CaseStubIds { get; } = [.. CaseStubs.Select(s => s.Guid!.Value)];
}

/// <summary>Assembles the stages. Reads the contract (the slow part of startup), so it runs beside WireMock's start.</summary>
internal static class PipelineFactory
{
    /// <param name="redis">The Redis connection for --store redis:// (the store owns it from now on); null: memory.</param>
    /// <param name="flow">The PIN engine (the host's, which the admin endpoints share); null: a new one from the options.</param>
    public static MockParts Build(MockServerOptions options, CredentialCheck credentials, IConnectionMultiplexer? redis = null, PinFlow? flow = null)
    {
        var contract = ContractSnapshot.Load(options.ContractPath, AppContext.BaseDirectory);
        var catalog = ExampleCatalog.FromContract(contract);
        var flavour = ApiFlavour.Of(options.Flavour);
        var names = flavour.ListRoot is { } listRoot ? contract.XmlNames with { ListRoot = listRoot } : contract.XmlNames;
        var model = new ApplicationModel(contract.Fields);
        var renderer = new ResponseRenderer(new XmlBodies(names, model), new JsonBodies(model));
        var xmlReader = new XmlApplicationReader(model, [names.RequestRoot, ContractXmlNames.AlternateRequestRoot]);
        var seed = DocumentedSeed.From(catalog, model, options.Seed);
        var rules = new StatefulRules(flavour.NotFound, flavour.IssuesProcessIds);
        var (store, stateful) = State(options, model, seed, redis, rules);

        Func<Credential, IApplicationBehaviour> behaviourFor;
        if (options.Mode == MockMode.Examples)
        {
            // What no case stub matched: a valid request gets the default (basic) answer; the rest the stages' errors.
            var examples = new ExampleApplications(catalog, options.CreateStatus);
            behaviourFor = _ => examples;
        }
        else behaviourFor = stateful;

        var settings = new PipelineSettings(options.MaxBodyBytes, options.CreateStatus,
            options.DelayMs > 0 ? new FixedDelay(TimeSpan.FromMilliseconds(options.DelayMs)) : null)
        {
            Validation = new ValidationRules(flavour.TimeLengthOptional),
        };
        var forbidden = options.ForbiddenCredentials is { Count: > 0 } configured
            ? new ForbiddenCredentials(configured, DocumentedError.For(catalog, 403))
            : null;
        var throttle = options.Throttle.Enabled
            ? new RequestThrottle(
                Enum.GetValues<Operation>().ToDictionary(o => o, o => options.Throttle.BudgetOf(
                    contract.Operations.FirstOrDefault(d => d.OperationId == Operations.IdOf(o))?.Throttling)),
                options.Clock, options.MaxAccounts, DocumentedError.For(catalog, 429), flavour.SendsRetryAfter)
            : null;
        flow ??= PinFlowOf(options);
        var flowParts = contract.Flow is { } flowContract ? FlowParts.Build(options, flow, flowContract, names, model, catalog, settings, renderer) : null;
        var pipeline = new RequestPipeline(credentials, behaviourFor, renderer, xmlReader, model, settings,
            new PreferCheck(catalog), forbidden, throttle, flowParts?.Pipeline);
        // Examples mode: every case's stubs. Stateful mode: only the Prefer stubs (plain requests answer from state).
        var stubs = CaseMappings.From(contract, options.CreateStatus)
            .Where(m => options.Mode == MockMode.Examples || m.AnswersPrefer)
            .Select(WireMockNetMappings.ToModel)
            .ToList();
        return new MockParts(pipeline, store, catalog, throttle, stubs, flow, flowParts);
    }

    /// <summary>The PIN engine the options describe (--clock, --fixed-pin), on the options' clock.</summary>
    public static PinFlow PinFlowOf(MockServerOptions options) =>
        new(new FlowClock(options.ClockMode, options.Clock), new FixedPins(options.FixedPin));

    /// <summary>The store the options name, and the stateful behaviour of an account in it.</summary>
    private static (IStateStore, Func<Credential, IApplicationBehaviour>) State(
        MockServerOptions options, ApplicationModel model, IReadOnlyList<StoredApplication> seed, IConnectionMultiplexer? redis, StatefulRules rules)
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
