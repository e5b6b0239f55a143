using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Behaviour;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.MockServer.Flow;
using TwoFactorContracts.MockServer.Flow.Templates;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.Pipeline;
using TwoFactorContracts.MockServer.Responses;
using TwoFactorContracts.MockServer.Routing;

namespace TwoFactorContracts.MockServer.Hosting;

/// <summary>
/// The message templates and the PIN flow as the mock runs them: the engine (clock, PINs, outbox), the templates,
/// and the pipeline stages that answer their operations. In this process's memory whatever the --store: with
/// <c>--store redis</c> each replica keeps its own flow (docs/mock.md). Reset with the rest (<see cref="MockControl"/>).
/// </summary>
internal sealed record FlowState(PinFlow Engine, TemplateStore Templates, FlowPipeline Pipeline)
{
    public static FlowState Build(MockServerOptions options, FlowContract contract, ContractXmlNames names, ApplicationModel applications,
        ExampleCatalog catalog, PipelineSettings settings, ResponseRenderer errors)
    {
        var models = new FlowBodyModels(contract, names.ErrorRoot);
        var engine = PinFlow.From(options);
        var templates = new TemplateStore();
        IFlowBehaviour behaviour = options.Mode == MockMode.Examples
            ? new ExampleFlow(catalog)
            : new StatefulFlow(engine, templates, models, applications);
        string Root(Operation operation) => contract.RootsOf(operation).Response
            ?? throw new InvalidDataException($"The contract names no XML root for the answer of {Operations.IdOf(operation)}.");
        var roots = new FlowXmlRoots(Root(Operation.SendPinOverSms), Root(Operation.SendPinOverVoice), Root(Operation.VerifyPin),
            Root(Operation.GetVerificationStatus), "verifications", "verification");
        var renderer = new FlowRenderer(
            errors,
            new ResponseRenderer(new XmlBodies(models.TemplateXml, models.Template), new JsonBodies(models.Template)),
            new FlowBodies(roots));
        return new FlowState(engine, templates, new FlowPipeline(models, behaviour, renderer, settings));
    }

    /// <summary>Templates, PINs, verifications, outbox, per-recipient fixed PINs forgotten; the clock back to now.</summary>
    public void Reset()
    {
        Templates.Reset();
        Engine.Reset();
    }
}
