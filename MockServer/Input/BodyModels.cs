using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.MockServer.Model;

namespace TwoFactorContracts.MockServer.Input;

/// <summary>
/// The field models of the message templates and the PIN flow's request bodies, built from the contract like
/// the application model (<see cref="FlowContract"/>), with an XML reader per body (the request schema's root and
/// the roots its <c>x-xml-accepted-roots</c> names). The template model is a whole resource (request, answer, id,
/// the application id it carries, its pinPlaceholder constant); the template update reads its own request (what it
/// requires) into the same record layout; the send, resend and verify models are requests only.
/// </summary>
public sealed class FlowBodyModels
{
    private readonly (ApplicationModel Model, XmlApplicationReader Xml)?[] _bodies = new (ApplicationModel, XmlApplicationReader)?[Enum.GetValues<Operation>().Length];

    private readonly FlowContract _contract;

    public FlowBodyModels(FlowContract contract, string errorRoot)
    {
        _contract = contract;
        Template = new ApplicationModel(contract.Template);
        TemplateUpdate = contract.TemplateUpdate is { } update ? new ApplicationModel(update) : Template;
        if (TemplateUpdate.LayoutId != Template.LayoutId)
            throw new InvalidDataException("The contract's template update request must have the create request's fields, in the same order and of the same kinds.");
        var got = contract.RootsOf(Operation.GetMessageTemplate);
        var listed = contract.RootsOf(Operation.ListMessageTemplates);
        TemplateXml = new ContractXmlNames(
            RequestRoot: contract.RootsOf(Operation.CreateMessageTemplate).Request ?? Missing(Operation.CreateMessageTemplate, "request"),
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
        Add(Operation.CreateMessageTemplate, Template, contract);
        Add(Operation.UpdateMessageTemplate, TemplateUpdate, contract);
        Add(Operation.SendPinOverSms, send, contract);
        Add(Operation.SendPinOverVoice, send, contract);
        Add(Operation.ResendPinOverSms, resend, contract);
        Add(Operation.ResendPinOverVoice, resend, contract);
        Add(Operation.VerifyPin, verify, contract);
        NcNeededDefault = bool.TryParse(contract.QueryDefaultOf(Operation.SendPinOverSms, FlowQuery.NcNeededName), out var lookup) && lookup;
    }

    public ApplicationModel Template { get; }

    /// <summary>The template update's request model: the template's fields and layout, with the update's own rules (nothing required).</summary>
    public ApplicationModel TemplateUpdate { get; }

    /// <summary>The templates' XML names (a template got, the list; the same error root as the applications').</summary>
    public ContractXmlNames TemplateXml { get; }

    /// <summary>The root of the XML answer of a template operation (create and update <c>SmsOrVoiceMessage</c>, get <c>Message</c>).</summary>
    public string TemplateRootOf(Operation operation) =>
        _contract.RootsOf(operation).Response ?? Missing(operation, "answer");

    public ApplicationModel Send { get; }

    public ApplicationModel Resend { get; }

    public ApplicationModel Verify { get; }

    /// <summary>
    /// Whether a send that leaves <c>ncNeeded</c> out looks the number up (the parameter's default in the contract:
    /// true); a resend, which takes no <c>ncNeeded</c>, looks it up the same way.
    /// </summary>
    public bool NcNeededDefault { get; }

    /// <summary>The query parameters the contract requires of an operation (the verification status's msisdn).</summary>
    public IReadOnlyList<string> RequiredQueryOf(Operation operation) => _contract.RequiredQueryOf(operation);

    /// <summary>The model and XML reader of an operation's request body.</summary>
    public (ApplicationModel Model, XmlApplicationReader Xml) BodyOf(Operation operation) =>
        _bodies[(int)operation] ?? throw new ArgumentException($"{operation} takes no body.", nameof(operation));

    private void Add(Operation operation, ApplicationModel model, FlowContract contract)
    {
        var roots = contract.RootsOf(operation);
        var root = roots.Request ?? Missing(operation, "request");
        _bodies[(int)operation] = (model, new XmlApplicationReader(model, [root, .. roots.RequestAlso.Where(r => r != root)]));
    }

    private static string Missing(Operation operation, string what) =>
        throw new InvalidDataException($"The contract names no XML root for the {what} of {Operations.IdOf(operation)}.");
}
