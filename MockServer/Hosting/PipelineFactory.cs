using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Behaviour;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.Credentials;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.MockServer.Faults;
using TwoFactorContracts.MockServer.Flavours;
using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.Pipeline;
using TwoFactorContracts.MockServer.Responses;
using TwoFactorContracts.MockServer.Routing;
using TwoFactorContracts.MockServer.State;
using TwoFactorContracts.MockServer.Throttling;
using TwoFactorContracts.MockServer.Validation;

namespace TwoFactorContracts.MockServer.Hosting;

/// <summary>The request pipeline and the state behind it, built from the options and the contract.</summary>
internal sealed record MockParts(RequestPipeline Pipeline, ApplicationStore Store, ExampleCatalog Catalog, RequestThrottle? Throttle);

/// <summary>Assembles the stages. Reads the contract (the slow part of startup), so it runs beside WireMock's start.</summary>
internal static class PipelineFactory
{
    public static MockParts Build(MockServerOptions options, CredentialCheck credentials)
    {
        var contract = ContractSnapshot.Load(options.ContractPath, AppContext.BaseDirectory);
        var catalog = ExampleCatalog.FromContract(contract);
        var flavour = ApiFlavour.Of(options.Flavour);
        var names = flavour.ListRoot is { } listRoot ? contract.XmlNames with { ListRoot = listRoot } : contract.XmlNames;
        var model = new ApplicationModel(contract.Fields);
        var renderer = new ResponseRenderer(new XmlBodies(names, model), new JsonBodies(model));
        var xmlReader = new XmlApplicationReader(model, [names.RequestRoot, ContractXmlNames.AlternateRequestRoot]);
        var seed = DocumentedSeed.From(catalog, model, options.Seed);
        var store = new ApplicationStore(() => seed, options.MaxAccounts);

        Func<Credential, IApplicationBehaviour> behaviourFor;
        DocumentedRequests? documentedRequests = null;
        if (options.Mode == MockMode.Examples)
        {
            var examples = new ExampleApplications(catalog, options.CreateStatus);
            behaviourFor = _ => examples;
            documentedRequests = new DocumentedRequests(catalog, model, xmlReader, options.CreateStatus);
        }
        else
        {
            var rules = new StatefulRules(flavour.NotFound, flavour.IssuesProcessIds);
            behaviourFor = credential => store.ForAccount(credential.Account) is { } account
                ? new StatefulApplications(account, rules)
                : AccountLimitReached.Instance;
        }

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
                Enum.GetValues<Operation>().ToDictionary(o => o, o => options.Throttle.BudgetOf(contract.Operation(Operations.IdOf(o)).Throttling)),
                options.Clock, options.MaxAccounts, DocumentedError.For(catalog, 429), flavour.SendsRetryAfter)
            : null;
        var pipeline = new RequestPipeline(credentials, behaviourFor, renderer, xmlReader, model, settings,
            new PreferredExamples(catalog, renderer, options.CreateStatus), documentedRequests, forbidden, throttle);
        return new MockParts(pipeline, store, catalog, throttle);
    }
}
