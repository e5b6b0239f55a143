using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Examples;

namespace TwoFactorContracts.MockServer.Model;

/// <summary>
/// The field model of every resource the contract has, read from it once at start: the applications; the message
/// templates (a whole resource: what a template of any channel stores and answers, its id, the application id it
/// carries, its pinPlaceholder constant), with each template create's and update's own request (SMS or voice, email),
/// whose values are stored in the template's layout by field path (<see cref="TemplateRequests"/>); and the send,
/// resend and verify requests. The templates' and the PIN flow's are null for a contract without them.
/// </summary>
public sealed class ResourceModels
{
    private readonly Dictionary<Operation, FieldModel> _templateRequests = [];

    public ResourceModels(ContractFields applications, PinFlowContract? flow)
    {
        Applications = new FieldModel(applications);
        if (flow is null) return;
        Template = new FieldModel(flow.Template);
        foreach (var (operationId, fields) in flow.TemplateRequests) _templateRequests[Operation.Of(operationId)] = new FieldModel(fields);
        Send = new FieldModel(flow.Send);
        Resend = new FieldModel(flow.Resend);
        EmailSend = flow.EmailSend is { } emailSend ? new FieldModel(emailSend) : null;
        EmailResend = flow.EmailResend is { } emailResend ? new FieldModel(emailResend) : null;
        Verify = new FieldModel(flow.Verify);
    }

    public FieldModel Applications { get; }

    /// <summary>What a template of any channel stores and answers.</summary>
    public FieldModel? Template { get; }

    /// <summary>The request model of each template create and update (SMS or voice, email), by operation.</summary>
    public IReadOnlyDictionary<Operation, FieldModel> TemplateRequests => _templateRequests;

    public FieldModel? Send { get; }

    public FieldModel? Resend { get; }

    public FieldModel? EmailSend { get; }

    public FieldModel? EmailResend { get; }

    public FieldModel? Verify { get; }

    /// <summary>The model an operation's request body is read with, or null for an operation that takes none.</summary>
    public FieldModel? BodyOf(Operation operation) =>
        operation == Operation.CreateApplication || operation == Operation.UpdateApplication ? Applications
        : _templateRequests.TryGetValue(operation, out var template) ? template
        : operation == Operation.SendPinOverSms || operation == Operation.SendPinOverVoice ? Send
        : operation == Operation.ResendPinOverSms || operation == Operation.ResendPinOverVoice ? Resend
        : operation == Operation.SendPinOverEmail ? EmailSend
        : operation == Operation.ResendPinOverEmail ? EmailResend
        : operation == Operation.VerifyPin ? Verify
        : null;
}
