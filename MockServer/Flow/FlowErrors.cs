using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Flow;

/// <summary>
/// The PIN flow's refusals, status, messageId and text in one place (the decisions table, docs/contract.md: the API's
/// document is silent on them). Rendered by the pipeline like every <see cref="StageError"/>.
/// </summary>
public sealed class FlowError : StageError
{
    private FlowError(int status, string messageId, string text) : base(status, messageId, text) { }

    public static readonly FlowError ApplicationDisabled = new(400, "BAD_REQUEST", "Application is disabled.");
    public static readonly FlowError TooManyForApplication = new(429, "TOO_MANY_REQUESTS", "Too many PIN requests for this application.");
    public static readonly FlowError TooManyForPhoneNumber = new(429, "TOO_MANY_REQUESTS", "Too many PIN requests for this phone number.");
    public static readonly FlowError TooManyVerifications = new(429, "TOO_MANY_REQUESTS", "Too many verification requests for this phone number.");
    public static readonly FlowError TemplateNotFound = new(404, "NOT_FOUND", "Message template not found.");
    public static readonly FlowError PinNotFound = new(404, "NOT_FOUND", "PIN not found.");
    public static readonly FlowError NotEmailTemplate = new(400, "BAD_REQUEST", "Message template is not an email template.");
    public static readonly FlowError NotSmsOrVoiceTemplate = new(400, "BAD_REQUEST", "Message template is not an SMS or voice template.");
}
