namespace TwoFactorContracts.MockServer.Input;

/// <summary>
/// One problem with one field, e.g. ("configuration.pinAttempts", "must be an integer"). Input records type
/// problems; Validation adds rule problems; all are reported together in field order.
/// </summary>
public readonly record struct FieldViolation(ApplicationField Field, string Message)
{
    public string Path => ApplicationFields.PathOf(Field);

    public override string ToString() => $"{Path} : {Message}";
}

/// <summary>The request's fields, in the order violations are reported.</summary>
public enum ApplicationField
{
    Body,
    Name,
    Enabled,
    Configuration,
    PinAttempts,
    AllowMultiplePinVerifications,
    PinTimeToLive,
    VerifyPinLimit,
    SendPinPerApplicationLimit,
    SendPinPerPhoneNumberLimit,
}

public static class ApplicationFields
{
    public static string PathOf(ApplicationField field) => field switch
    {
        ApplicationField.Body => "body",
        ApplicationField.Name => "name",
        ApplicationField.Enabled => "enabled",
        ApplicationField.Configuration => "configuration",
        ApplicationField.PinAttempts => "configuration.pinAttempts",
        ApplicationField.AllowMultiplePinVerifications => "configuration.allowMultiplePinVerifications",
        ApplicationField.PinTimeToLive => "configuration.pinTimeToLive",
        ApplicationField.VerifyPinLimit => "configuration.verifyPinLimit",
        ApplicationField.SendPinPerApplicationLimit => "configuration.sendPinPerApplicationLimit",
        ApplicationField.SendPinPerPhoneNumberLimit => "configuration.sendPinPerPhoneNumberLimit",
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>The configuration field a wire name denotes (JSON property or XML element), if any.</summary>
    public static ApplicationField? ConfigurationFieldNamed(ReadOnlySpan<char> name) => name switch
    {
        "pinAttempts" => ApplicationField.PinAttempts,
        "allowMultiplePinVerifications" => ApplicationField.AllowMultiplePinVerifications,
        "pinTimeToLive" => ApplicationField.PinTimeToLive,
        "verifyPinLimit" => ApplicationField.VerifyPinLimit,
        "sendPinPerApplicationLimit" => ApplicationField.SendPinPerApplicationLimit,
        "sendPinPerPhoneNumberLimit" => ApplicationField.SendPinPerPhoneNumberLimit,
        _ => null,
    };
}
