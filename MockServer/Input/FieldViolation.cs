using TwoFactorContracts.MockServer.Model;

namespace TwoFactorContracts.MockServer.Input;

/// <summary>
/// One problem with one field, e.g. ("configuration.pinAttempts", "must be an integer"). Input records type
/// problems; Validation adds rule problems; all are reported together in the contract's field order. A null
/// field is the body itself.
/// </summary>
public readonly record struct FieldViolation(ModelField? Field, string Message)
{
    public string Path => Field?.Path ?? "body";

    /// <summary>Report order: the body first, then the fields in the contract's order.</summary>
    public int Order => Field?.Index ?? -1;

    public override string ToString() => $"{Path} : {Message}";
}
