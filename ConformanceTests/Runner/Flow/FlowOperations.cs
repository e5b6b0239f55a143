using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;

namespace TwoFactorContracts.ConformanceTests.Runner.Flow;

/// <summary>
/// The contract's message template and PIN flow operations (<see cref="ContractDocument.AllOperations"/>), by
/// operationId, with their paths filled in (their documented errors: <see cref="ErrorEnvelope.Documented"/>).
/// </summary>
public sealed class FlowOperations(ContractDocument contract)
{
    public ContractOperation ListTemplates => Get("listMessageTemplates");
    public ContractOperation CreateTemplate => Get("createMessageTemplate");
    public ContractOperation GetTemplate => Get("getMessageTemplate");
    public ContractOperation UpdateTemplate => Get("updateMessageTemplate");
    public ContractOperation SendSms => Get("sendPinOverSms");
    public ContractOperation ResendSms => Get("resendPinOverSms");
    public ContractOperation SendVoice => Get("sendPinOverVoice");
    public ContractOperation ResendVoice => Get("resendPinOverVoice");
    public ContractOperation Verify => Get("verifyPin");
    public ContractOperation Status => Get("getVerificationStatus");
    public ContractOperation CreateEmailTemplate => Get("createEmailMessageTemplate");
    public ContractOperation UpdateEmailTemplate => Get("updateEmailMessageTemplate");
    public ContractOperation SendEmail => Get("sendPinOverEmail");
    public ContractOperation ResendEmail => Get("resendPinOverEmail");

    /// <summary>True when the contract has email, the third channel (email templates, sends and resends over email).</summary>
    public bool HasEmail => contract.AllOperations.Any(o => o.OperationId == "sendPinOverEmail");

    /// <summary>True when the contract has the PIN flow (an older contract has only the application operations).</summary>
    public bool Present => contract.AllOperations.Any(o => o.OperationId == "verifyPin");

    public ContractOperation Get(string operationId) =>
        contract.AllOperations.FirstOrDefault(o => o.OperationId == operationId)
        ?? throw new KeyNotFoundException($"The contract has no operation '{operationId}'.");

    /// <summary>The operation's path with its parameters filled in, in the order the path names them ({applicationId}, then {messageId}).</summary>
    public static string PathFor(ContractOperation operation, params string[] ids) =>
        operation.PathFor(operation.PathParameters.Zip(ids).ToDictionary(p => p.First.Name, p => p.Second));

    /// <summary>The documented request example <c>basic</c> as values (what a step changes before sending).</summary>
    public static JsonObject BasicRequest(ContractOperation operation) =>
        RequestBodies.Values(operation, operation.FindRequestExample(ContractOperation.FallbackExample, BodyFormat.Json)
            ?? throw new InvalidDataException($"{operation.OperationId} documents no basic JSON request."));
}
