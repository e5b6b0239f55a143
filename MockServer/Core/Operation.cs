using Stubs = TwoFactorContracts.MockServer.Contract.IApplicationsController;

namespace TwoFactorContracts.MockServer.Core;

/// <summary>
/// The contract's operations (operationIds listApplications, createApplication, ...): the four application
/// operations first (the hot path's), then the message templates and the PIN flow.
/// </summary>
public enum Operation
{
    ListApplications,
    CreateApplication,
    GetApplication,
    UpdateApplication,
    ListMessageTemplates,
    CreateMessageTemplate,
    GetMessageTemplate,
    UpdateMessageTemplate,
    SendPinOverSms,
    ResendPinOverSms,
    SendPinOverVoice,
    ResendPinOverVoice,
    VerifyPin,
    GetVerificationStatus,
}

public static class Operations
{
    private static readonly string[] Ids = Enum.GetValues<Operation>().Select(o => OperationIdOf(StubMethodOf(o))).ToArray();

    /// <summary>
    /// The method of the server stub NSwag generates from the contract at build time for an operation: an operation
    /// renamed or removed in the contract stops this from compiling, and RouterTests fails when the contract gains
    /// one that is not routed here.
    /// </summary>
    public static string StubMethodOf(Operation operation) => operation switch
    {
        Operation.ListApplications => nameof(Stubs.ListApplicationsAsync),
        Operation.CreateApplication => nameof(Stubs.CreateApplicationAsync),
        Operation.GetApplication => nameof(Stubs.GetApplicationAsync),
        Operation.UpdateApplication => nameof(Stubs.UpdateApplicationAsync),
        Operation.ListMessageTemplates => nameof(Stubs.ListMessageTemplatesAsync),
        Operation.CreateMessageTemplate => nameof(Stubs.CreateMessageTemplateAsync),
        Operation.GetMessageTemplate => nameof(Stubs.GetMessageTemplateAsync),
        Operation.UpdateMessageTemplate => nameof(Stubs.UpdateMessageTemplateAsync),
        Operation.SendPinOverSms => nameof(Stubs.SendPinOverSmsAsync),
        Operation.ResendPinOverSms => nameof(Stubs.ResendPinOverSmsAsync),
        Operation.SendPinOverVoice => nameof(Stubs.SendPinOverVoiceAsync),
        Operation.ResendPinOverVoice => nameof(Stubs.ResendPinOverVoiceAsync),
        Operation.VerifyPin => nameof(Stubs.VerifyPinAsync),
        Operation.GetVerificationStatus => nameof(Stubs.GetVerificationStatusAsync),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    /// <summary>The contract's operationId of an operation (the stub's method name is generated from it).</summary>
    public static string IdOf(Operation operation) => Ids[(int)operation];

    /// <summary>Whether the operation requires a body (a resend's is optional: <see cref="TakesOptionalBody"/>).</summary>
    public static bool HasBody(Operation operation) =>
        operation is Operation.CreateApplication or Operation.UpdateApplication
            or Operation.CreateMessageTemplate or Operation.UpdateMessageTemplate
            or Operation.SendPinOverSms or Operation.SendPinOverVoice or Operation.VerifyPin;

    public static bool TakesOptionalBody(Operation operation) =>
        operation is Operation.ResendPinOverSms or Operation.ResendPinOverVoice;

    /// <summary>The application operations, answered by the applications' behaviour (the hot path).</summary>
    public static bool IsApplicationOperation(Operation operation) => operation <= Operation.UpdateApplication;

    /// <summary>ListApplicationsAsync -> listApplications (NSwag's SingleClientFromOperationId naming).</summary>
    internal static string OperationIdOf(string stubMethod) =>
        char.ToLowerInvariant(stubMethod[0]) + stubMethod[1..^"Async".Length];
}
