using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Input;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// A request as the stages before behaviour leave it: routed, its credentials' account, its body read and validated
/// (null for an operation without one), its query read. <paramref name="Applications"/> is the account's applications,
/// which every resource reads the application it concerns from (null in examples mode, where nothing reads state).
/// </summary>
public readonly record struct Call(Operation Operation, Route Route, string Account, IApplicationBehaviour? Applications, ParsedBody? Body, QueryValues Query);

/// <summary>
/// One resource's behaviour (the applications, the templates, the PINs, the verifications): every operation of the
/// contract is answered by one, behind the same stages.
/// </summary>
public interface IResourceBehaviour
{
    ValueTask<Reply> AnswerAsync(Call call, CancellationToken cancellationToken = default);
}
