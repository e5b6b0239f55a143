using TwoFactorContracts.MockServer.Contract;

namespace TwoFactorContracts.MockServer.Input;

/// <summary>
/// A request body read into the generated DTO (omitted fields hold the contract's defaults; presence is
/// recorded on the DTO) plus the type problems found while reading.
/// </summary>
public sealed class ParsedApplication
{
    public ApplicationRequest Request { get; } = new() { Name = null! };
    public List<FieldViolation> Violations { get; } = [];

    /// <summary>Records that a configuration field was present and returns the configuration to fill.</summary>
    internal ApplicationConfiguration MarkPresent(ConfigurationFields field)
    {
        var configuration = Request.Configuration ??= new ApplicationConfiguration();
        configuration.Present |= field;
        return configuration;
    }

    internal static ConfigurationFields FlagOf(ApplicationField field) => field switch
    {
        ApplicationField.PinAttempts => ConfigurationFields.PinAttempts,
        ApplicationField.AllowMultiplePinVerifications => ConfigurationFields.AllowMultiplePinVerifications,
        ApplicationField.PinTimeToLive => ConfigurationFields.PinTimeToLive,
        ApplicationField.VerifyPinLimit => ConfigurationFields.VerifyPinLimit,
        ApplicationField.SendPinPerApplicationLimit => ConfigurationFields.SendPinPerApplicationLimit,
        ApplicationField.SendPinPerPhoneNumberLimit => ConfigurationFields.SendPinPerPhoneNumberLimit,
        _ => ConfigurationFields.None,
    };

    internal void SetPinAttempts(int value) => MarkPresent(ConfigurationFields.PinAttempts).PinAttempts = value;

    internal void SetAllowMultiplePinVerifications(bool value) =>
        MarkPresent(ConfigurationFields.AllowMultiplePinVerifications).AllowMultiplePinVerifications = value;

    internal void SetText(ApplicationField field, string value)
    {
        var configuration = MarkPresent(FlagOf(field));
        switch (field)
        {
            case ApplicationField.PinTimeToLive: configuration.PinTimeToLive = value; break;
            case ApplicationField.VerifyPinLimit: configuration.VerifyPinLimit = value; break;
            case ApplicationField.SendPinPerApplicationLimit: configuration.SendPinPerApplicationLimit = value; break;
            case ApplicationField.SendPinPerPhoneNumberLimit: configuration.SendPinPerPhoneNumberLimit = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(field));
        }
    }
}
