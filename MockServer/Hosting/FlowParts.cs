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
/// The message templates and the stages that answer the templates' and the PIN flow's operations over the
/// engine (<see cref="PinFlow"/>, the host's). In this process's memory whatever the --store: with
/// <c>--store redis</c> each replica keeps its own templates and flow (docs/mock.md). Reset with the rest
/// (<see cref="MockControl"/>).
/// </summary>
internal sealed record FlowParts(TemplateStore Templates, FlowPipeline Pipeline)
{
    public static FlowParts Build(MockServerOptions options, PinFlow engine, FlowContract contract, ContractXmlNames names, ApplicationModel applications,
        ExampleCatalog catalog, PipelineSettings settings, ResponseRenderer errors)
    {
        var models = new FlowBodyModels(contract, names.ErrorRoot);
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
        return new FlowParts(templates, new FlowPipeline(models, behaviour, renderer, settings));
    }
}
