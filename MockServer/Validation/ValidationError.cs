using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Input;

namespace TwoFactorContracts.MockServer.Validation;

/// <summary>
/// The request broke the contract's rules: 400 BAD_REQUEST whose text lists every violation in field order,
/// joined like the real API's single-violation texts: <c>[name : may not be null, configuration.pinTimeToLive : ...]</c>.
/// </summary>
public sealed class ValidationError : StageError
{
    public ValidationError(IReadOnlyList<FieldViolation> violations)
        : base(400, "BAD_REQUEST", "[" + string.Join(", ", violations) + "]") => Violations = violations;

    public IReadOnlyList<FieldViolation> Violations { get; }
}
