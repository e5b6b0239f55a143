using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Behaviour;
using TwoFactorContracts.MockServer.Contract;
using TwoFactorContracts.MockServer.Credentials;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.MockServer.Faults;
using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.Pipeline;
using TwoFactorContracts.MockServer.Responses;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Hosting;

/// <summary>The request pipeline and the state behind it, built from the options and the contract.</summary>
/// <summary>The request pipeline, the state behind it, and the contract's case stubs this mode loads into WireMock.</summary>
internal sealed record MockParts(RequestPipeline Pipeline, ApplicationStore Store, ExampleCatalog Catalog, IReadOnlyList<WireMock.Admin.Mappings.MappingModel> CaseStubs)
{
    /// <summary>The ids of the contract's stubs: not user stubs.</summary>
    public HashSet<Guid> CaseStubIds { get; } = [.. CaseStubs.Select(s => s.Guid!.Value)];
}

/// <summary>Assembles the stages. Reads the contract (the slow part of startup), so it runs beside WireMock's start.</summary>
internal static class PipelineFactory
{
    public static MockParts Build(MockServerOptions options, CredentialCheck credentials)
    {
        var contract = ContractSnapshot.Load(options.ContractPath, AppContext.BaseDirectory);
        var catalog = ExampleCatalog.FromContract(contract);
        var names = contract.XmlNames;
        var renderer = new ResponseRenderer(new XmlBodies(names));
        var xmlReader = new XmlApplicationReader([names.RequestRoot, ContractXmlNames.AlternateRequestRoot]);
        var seed = DocumentedSeed.From(catalog, options.Seed);
        var store = new ApplicationStore(() => seed, options.MaxAccounts);

        Func<Credential, IApplicationsController> behaviourFor;
        if (options.Mode == MockMode.Examples)
        {
            // What no case stub matched: a valid request gets the default (basic) answer; the rest the stages' errors.
            var examples = new ExampleApplications(catalog, options.CreateStatus);
            behaviourFor = _ => examples;
        }
        else
        {
            behaviourFor = credential => store.ForAccount(credential.Account) is { } account
                ? new StatefulApplications(account)
                : AccountLimitReached.Instance;
        }

        var settings = new PipelineSettings(options.MaxBodyBytes, options.CreateStatus,
            options.DelayMs > 0 ? new FixedDelay(TimeSpan.FromMilliseconds(options.DelayMs)) : null);
        var pipeline = new RequestPipeline(credentials, behaviourFor, renderer, xmlReader, settings, new PreferCheck(catalog, renderer));
        // Examples mode: every case's stubs. Stateful mode: only the Prefer stubs (plain requests answer from state).
        var stubs = CaseMappings.From(contract, options.CreateStatus)
            .Where(m => options.Mode == MockMode.Examples || m.AnswersPrefer)
            .Select(WireMockNetMappings.ToModel)
            .ToList();
        return new MockParts(pipeline, store, catalog, stubs);
    }
}
