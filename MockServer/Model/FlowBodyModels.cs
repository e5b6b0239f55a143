using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.Routing;

namespace TwoFactorContracts.MockServer.Model;

/// <summary>
/// The field models of the message templates and the PIN flow's request bodies, built from the contract like
/// the application model (<see cref="FlowContract"/>), with an XML reader per body. The template model is a
/// whole resource (request, answer, id, the application id it carries, its pinPlaceholder constant); the send,
/// resend and verify models are requests only.
/// </summary>
public sealed class FlowBodyModels
{
    private readonly (ApplicationModel Model, XmlApplicationReader Xml)?[] _bodies = new (ApplicationModel, XmlApplicationReader)?[Enum.GetValues<Operation>().Length];

    private readonly FlowContract _contract;

    public FlowBodyModels(FlowContract contract, string errorRoot)
    {
        _contract = contract;
        Template = new ApplicationModel(contract.Template);
        var created = contract.RootsOf(Operation.CreateMessageTemplate);
        var got = contract.RootsOf(Operation.GetMessageTemplate);
        var listed = contract.RootsOf(Operation.ListMessageTemplates);
        TemplateXml = new ContractXmlNames(
            RequestRoot: created.Request ?? Missing(Operation.CreateMessageTemplate, "request"),
            ResponseRoot: got.Response ?? Missing(Operation.GetMessageTemplate, "answer"),
            ListRoot: listed.Response ?? Missing(Operation.ListMessageTemplates, "answer"),
            ListItem: listed.ResponseItem ?? Missing(Operation.ListMessageTemplates, "item"),
            ErrorRoot: errorRoot);
        var send = new ApplicationModel(contract.Send);
        var resend = new ApplicationModel(contract.Resend);
        var verify = new ApplicationModel(contract.Verify);
        Send = send;
        Resend = resend;
        Verify = verify;
        Add(Operation.CreateMessageTemplate, Template, contract, TemplateXml.RequestRoot);
        Add(Operation.UpdateMessageTemplate, Template, contract, contract.RootsOf(Operation.UpdateMessageTemplate).Request ?? TemplateXml.RequestRoot);
        Add(Operation.SendPinOverSms, send, contract);
        Add(Operation.SendPinOverVoice, send, contract);
        Add(Operation.ResendPinOverSms, resend, contract);
        Add(Operation.ResendPinOverVoice, resend, contract);
        Add(Operation.VerifyPin, verify, contract);
    }

    public ApplicationModel Template { get; }

    /// <summary>The templates' XML names (the same error root as the applications').</summary>
    public ContractXmlNames TemplateXml { get; }

    public ApplicationModel Send { get; }

    public ApplicationModel Resend { get; }

    public ApplicationModel Verify { get; }

    /// <summary>The query parameters the contract requires of an operation (the verification status's msisdn).</summary>
    public IReadOnlyList<string> RequiredQueryOf(Operation operation) => _contract.RequiredQueryOf(operation);

    /// <summary>The model and XML reader of an operation's request body.</summary>
    public (ApplicationModel Model, XmlApplicationReader Xml) BodyOf(Operation operation) =>
        _bodies[(int)operation] ?? throw new ArgumentException($"{operation} takes no body.", nameof(operation));

    private void Add(Operation operation, ApplicationModel model, FlowContract contract, string? root = null)
    {
        root ??= contract.RootsOf(operation).Request ?? Missing(operation, "request");
        _bodies[(int)operation] = (model, new XmlApplicationReader(model, [root]));
    }

    private static string Missing(Operation operation, string what) =>
        throw new InvalidDataException($"The contract names no XML root for the {what} of {Operations.IdOf(operation)}.");
}
