using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Examples;

namespace TwoFactorContracts.MockServer.Model;

/// <summary>
/// The field model of every resource the contract has, read from it once at start: the applications; the message
/// templates (a whole resource: request, answer, id, the application id it carries, its pinPlaceholder constant), whose
/// update reads its own request (what it requires) into the same record layout; and the send, resend and verify
/// requests. The templates' and the PIN flow's are null for a contract without them.
/// </summary>
public sealed class ResourceModels
{
    public ResourceModels(ContractFields applications, PinFlowContract? flow)
    {
        Applications = new FieldModel(applications);
        if (flow is null) return;
        Template = new FieldModel(flow.Template);
        TemplateUpdate = flow.TemplateUpdate is { } update ? new FieldModel(update) : Template;
        if (TemplateUpdate.LayoutId != Template.LayoutId)
            throw new InvalidDataException("The contract's template update request must have the create request's fields, in the same order and of the same kinds.");
        Send = new FieldModel(flow.Send);
        Resend = new FieldModel(flow.Resend);
        Verify = new FieldModel(flow.Verify);
    }

    public FieldModel Applications { get; }

    public FieldModel? Template { get; }

    /// <summary>The template update's request model: the template's fields and layout, with the update's own rules (nothing required).</summary>
    public FieldModel? TemplateUpdate { get; }

    public FieldModel? Send { get; }

    public FieldModel? Resend { get; }

    public FieldModel? Verify { get; }

    /// <summary>The model an operation's request body is read with, or null for an operation that takes none.</summary>
    public FieldModel? BodyOf(Operation operation) =>
        operation == Operation.CreateApplication || operation == Operation.UpdateApplication ? Applications
        : operation == Operation.CreateMessageTemplate ? Template
        : operation == Operation.UpdateMessageTemplate ? TemplateUpdate
        : operation == Operation.SendPinOverSms || operation == Operation.SendPinOverVoice ? Send
        : operation == Operation.ResendPinOverSms || operation == Operation.ResendPinOverVoice ? Resend
        : operation == Operation.VerifyPin ? Verify
        : null;
}
