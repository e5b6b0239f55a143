using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Behaviour;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.MockServer.Flow;
using TwoFactorContracts.MockServer.Flow.Templates;
using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.Pipeline;
using TwoFactorContracts.MockServer.Responses;

namespace TwoFactorContracts.MockServer.Composition;

/// <summary>
/// The message templates and the stages that answer the templates' and the PIN flow's operations over the
/// engine (<see cref="PinFlow"/>, the host's). In this process's memory whatever the --store: with
/// <c>--store redis</c> each replica keeps its own templates and flow (docs/mock.md). Reset with the rest
/// (the admin reset).
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
        static string Named(string? name, Operation operation, string what) => name
            ?? throw new InvalidDataException($"The contract names no XML {what} for the answer of {Operations.IdOf(operation)}.");
        string Root(Operation operation) => Named(contract.RootsOf(operation).Response, operation, "root");
        var status = contract.RootsOf(Operation.GetVerificationStatus);
        var roots = new FlowXmlRoots(Root(Operation.SendPinOverSms), Root(Operation.SendPinOverVoice), Root(Operation.VerifyPin),
            Root(Operation.GetVerificationStatus), Named(status.ResponseList, Operation.GetVerificationStatus, "list"),
            Named(status.ResponseItem, Operation.GetVerificationStatus, "list item"));
        // A template is answered in JSON alike, in XML under each operation's root (a create's or update's, a get's);
        // the list under the list's.
        var json = new JsonBodies(models.Template);
        var renderers = new Dictionary<Operation, ResponseRenderer>();
        foreach (var operation in new[] { Operation.ListMessageTemplates, Operation.CreateMessageTemplate, Operation.GetMessageTemplate, Operation.UpdateMessageTemplate })
        {
            var root = operation == Operation.ListMessageTemplates ? models.TemplateXml.ResponseRoot : models.TemplateRootOf(operation);
            renderers[operation] = renderers.Values.FirstOrDefault(r => r.XmlNames.ResponseRoot == root)
                ?? new ResponseRenderer(new XmlBodies(models.TemplateXml with { ResponseRoot = root }, models.Template), json);
        }
        var renderer = new FlowRenderer(errors, renderers, new FlowBodies(roots));
        return new FlowParts(templates, new FlowPipeline(models, behaviour, renderer, settings));
    }
}
