using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Examples;

/// <summary>
/// The field models and XML names of the message templates and the PIN flow's bodies (null when the contract
/// has no such operations). The template model is what a template stores and answers: the get answer (one schema
/// for every channel), whose fields the SMS or voice create and the email create set. Each template create and update
/// reads its own request (<see cref="TemplateRequests"/>); the send, resend and verify models are their requests only.
/// </summary>
public sealed record PinFlowContract(
    ContractFields Template,
    ContractFields Send,
    ContractFields Resend,
    ContractFields Verify,
    IReadOnlyDictionary<string, ContractXmlRoots> XmlRoots)
{
    /// <summary>The request of each template create and update (what it takes and requires), by operationId.</summary>
    public IReadOnlyDictionary<string, ContractFields> TemplateRequests { get; init; } = new Dictionary<string, ContractFields>();

    /// <summary>The email send's and resend's requests.</summary>
    public ContractFields? EmailSend { get; init; }

    public ContractFields? EmailResend { get; init; }

    /// <summary>The fields an email template's create or update answers (its answer schema's), in JSON names.</summary>
    public IReadOnlyList<string> EmailTemplateAnswer { get; init; } = [];

    /// <summary>The PIN flow's answers (a sent PIN, a verification, the verification status) by operationId: what the mock writes.</summary>
    public IReadOnlyDictionary<string, ContractAnswer> Answers { get; init; } = new Dictionary<string, ContractAnswer>();

    /// <summary>The send outcomes the contract documents and its reserved test numbers.</summary>
    public ContractSendOutcomes SendOutcomes { get; init; } = new([], [], new Dictionary<string, DocumentedOutcome>());

    /// <summary>The answer of a PIN flow operation.</summary>
    public ContractAnswer AnswerOf(Operation operation) =>
        Answers.TryGetValue(operation.Id, out var answer) ? answer : throw new InvalidDataException($"The contract documents no answer of {operation.Id}.");

    public static PinFlowContract? From(ContractDocument contract)
    {
        string Id(Operation operation) => operation.Id;
        if (contract.AllOperations.All(o => o.OperationId != Id(Operation.SendPinOverSms))) return null;
        var templateWrites = new[] { Operation.CreateMessageTemplate, Operation.UpdateMessageTemplate,
            Operation.CreateEmailMessageTemplate, Operation.UpdateEmailMessageTemplate };
        return new PinFlowContract(
            contract.FieldsOf(Id(Operation.CreateMessageTemplate), Id(Operation.GetMessageTemplate))
                .WithRequestFieldsOf(contract.FieldsOf(Id(Operation.CreateEmailMessageTemplate), null)),
            contract.FieldsOf(Id(Operation.SendPinOverSms), null),
            contract.FieldsOf(Id(Operation.ResendPinOverSms), null),
            contract.FieldsOf(Id(Operation.VerifyPin), null),
            Operation.WithBehaviour.Where(o => !o.IsApplicationOperation)
                .ToDictionary(Id, o => contract.XmlRootsOf(Id(o))))
        {
            TemplateRequests = templateWrites.ToDictionary(Id, o => contract.FieldsOf(Id(o), null)),
            EmailSend = contract.FieldsOf(Id(Operation.SendPinOverEmail), null),
            EmailResend = contract.FieldsOf(Id(Operation.ResendPinOverEmail), null),
            EmailTemplateAnswer = [.. contract.AnswerOf(Id(Operation.CreateEmailMessageTemplate)).Fields.Select(f => f.JsonName)],
            Answers = new[] { Operation.SendPinOverSms, Operation.SendPinOverVoice, Operation.ResendPinOverSms, Operation.ResendPinOverVoice,
                    Operation.SendPinOverEmail, Operation.ResendPinOverEmail, Operation.VerifyPin, Operation.GetVerificationStatus }
                .ToDictionary(o => o.Id, o => contract.AnswerOf(o.Id)),
            SendOutcomes = contract.SendOutcomes,
        };
    }

    public ContractXmlRoots RootsOf(Operation operation) =>
        XmlRoots.TryGetValue(operation.Id, out var roots) ? roots
            : throw new InvalidDataException($"The contract has no operation '{operation.Id}'.");
}
