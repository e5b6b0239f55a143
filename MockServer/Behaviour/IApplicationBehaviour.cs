using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// What a behaviour answers: a stored application, a list, a documented example's bytes (examples mode) or an
/// error. A value, so the hot path allocates no task.
/// </summary>
public readonly record struct BehaviourAnswer(
    StoredApplication Application = default,
    ApplicationListSnapshot? List = null,
    DocumentedAnswer? Documented = null,
    StageError? Error = null)
{
    public static implicit operator BehaviourAnswer(StoredApplication application) => new(application);
}

/// <summary>
/// The contract's four operations (listApplications, createApplication, getApplication, updateApplication).
/// Requests arrive read by the field model, validated and normalised.
/// </summary>
public interface IApplicationBehaviour
{
    ValueTask<BehaviourAnswer> ListAsync(CancellationToken cancellationToken = default);

    ValueTask<BehaviourAnswer> CreateAsync(ParsedApplication body, CancellationToken cancellationToken = default);

    ValueTask<BehaviourAnswer> GetAsync(string applicationId, CancellationToken cancellationToken = default);

    ValueTask<BehaviourAnswer> UpdateAsync(ParsedApplication body, string applicationId, CancellationToken cancellationToken = default);
}
