namespace TwoFactorContracts.MockServer.Contract;

/// <summary>Which configuration fields a request actually carried (an update keeps the others).</summary>
[Flags]
public enum ConfigurationFields
{
    None = 0,
    PinAttempts = 1,
    AllowMultiplePinVerifications = 2,
    PinTimeToLive = 4,
    VerifyPinLimit = 8,
    SendPinPerApplicationLimit = 16,
    SendPinPerPhoneNumberLimit = 32,
}

// The generated DTOs fill omitted fields with the contract's defaults, which is right for create but hides
// what an update left out; the Input stage records presence here.
public partial class ApplicationRequest
{
    /// <summary>True when the request carried a non-null <c>enabled</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool EnabledPresent { get; set; }
}

public partial class ApplicationConfiguration
{
    /// <summary>The configuration fields the request carried.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ConfigurationFields Present { get; set; }
}
