using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.MockServer.Flow;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// What a resource's behaviour answers, whatever the operation: a stored record (an application, a template), a
/// list of them, a sent PIN, a verification, the verification status, a documented example's bytes (examples
/// mode) or an error. A value, so the hot path allocates no task.
/// </summary>
public readonly record struct Reply(
    StoredRecord Record = default,
    ApplicationListSnapshot? List = null,
    PinSent? Sent = null,
    PinVerification? Verification = null,
    IReadOnlyList<Verification>? Verifications = null,
    DocumentedAnswer? Documented = null,
    StageError? Error = null)
{
    public static implicit operator Reply(StoredRecord record) => new(record);

    public static implicit operator Reply(StageError error) => new(Error: error);
}
