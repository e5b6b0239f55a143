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
        Applications = new ApplicationModel(applications);
        if (flow is null) return;
        Template = new ApplicationModel(flow.Template);
        TemplateUpdate = flow.TemplateUpdate is { } update ? new ApplicationModel(update) : Template;
        if (TemplateUpdate.LayoutId != Template.LayoutId)
            throw new InvalidDataException("The contract's template update request must have the create request's fields, in the same order and of the same kinds.");
        Send = new ApplicationModel(flow.Send);
        Resend = new ApplicationModel(flow.Resend);
        Verify = new ApplicationModel(flow.Verify);
    }

    public ApplicationModel Applications { get; }

    public ApplicationModel? Template { get; }

    /// <summary>The template update's request model: the template's fields and layout, with the update's own rules (nothing required).</summary>
    public ApplicationModel? TemplateUpdate { get; }

    public ApplicationModel? Send { get; }

    public ApplicationModel? Resend { get; }

    public ApplicationModel? Verify { get; }

    /// <summary>The model an operation's request body is read with, or null for an operation that takes none.</summary>
    public ApplicationModel? BodyOf(Operation operation) =>
        operation == Operation.CreateApplication || operation == Operation.UpdateApplication ? Applications
        : operation == Operation.CreateMessageTemplate ? Template
        : operation == Operation.UpdateMessageTemplate ? TemplateUpdate
        : operation == Operation.SendPinOverSms || operation == Operation.SendPinOverVoice ? Send
        : operation == Operation.ResendPinOverSms || operation == Operation.ResendPinOverVoice ? Resend
        : operation == Operation.VerifyPin ? Verify
        : null;
}
