namespace TwoFactorContracts.MockServer.Validation;

/// <summary>What the validation stage accepts beyond the contract's formats (set by the flavour).</summary>
/// <param name="TimeLengthOptional">Today's API: a time or limit interval may leave its length out ("m" is "1m").</param>
public sealed record ValidationRules(bool TimeLengthOptional)
{
    /// <summary>The contract's rules as written: every time has a length.</summary>
    public static readonly ValidationRules Seed = new(false);
}
