using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.MockServer.Flow;
using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.State;
using Route = TwoFactorContracts.MockServer.Core.Route;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>What a template or PIN flow request asks, read and validated: the account's applications answer for the application it names.</summary>
public sealed record FlowCall(Operation Operation, Route Route, string Account, IApplicationBehaviour Applications, ParsedApplication? Body, FlowQuery Query);

/// <summary>
/// What the flow's behaviour answers: a template, the templates of an application, a sent PIN, a verification,
/// the verification status, a documented example (examples mode) or an error.
/// </summary>
public readonly record struct FlowReply(
    StoredApplication Template = default,
    ApplicationListSnapshot? Templates = null,
    PinSent? Sent = null,
    PinVerification? Verification = null,
    IReadOnlyList<Verification>? Verifications = null,
    DocumentedAnswer? Documented = null,
    StageError? Error = null)
{
    public static implicit operator FlowReply(StageError error) => new(Error: error);
}

/// <summary>The message templates and the PIN flow (listMessageTemplates ... getVerificationStatus).</summary>
public interface IFlowBehaviour
{
    ValueTask<FlowReply> AnswerAsync(FlowCall call, CancellationToken cancellationToken = default);
}

/// <summary>Examples mode: a valid request no documented case matched gets the operation's <c>basic</c> answer.</summary>
public sealed class ExampleFlow(ExampleCatalog catalog) : IFlowBehaviour
{
    public ValueTask<FlowReply> AnswerAsync(FlowCall call, CancellationToken cancellationToken = default) =>
        new(new FlowReply(Documented: catalog.DefaultAnswer(call.Operation, 200)));
}
