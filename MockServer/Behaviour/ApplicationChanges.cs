using TwoFactorContracts.MockServer.Contract;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// What a create and an update store, whichever store holds them. Create fills omitted fields with the
/// contract's defaults (the generated DTO's initial values); update keeps the current value of every omitted field.
/// </summary>
public static class ApplicationChanges
{
    public static ApplicationResponse Created(ApplicationRequest body, string applicationId, StatefulRules rules) => new()
    {
        ApplicationId = applicationId,
        Name = body.Name,
        Configuration = Copy(body.Configuration ?? new ApplicationConfiguration()),
        Enabled = body.Enabled,
        ProcessId = rules.IssuesProcessIds ? ApplicationIds.New() : null,
    };

    public static ApplicationResponse Updated(ApplicationResponse current, ApplicationRequest body) => new()
    {
        ApplicationId = current.ApplicationId,
        Name = body.Name,
        Configuration = Merge(current.Configuration, body.Configuration),
        Enabled = body.EnabledPresent ? body.Enabled : current.Enabled,
        ProcessId = current.ProcessId,
    };

    private static ApplicationConfiguration Copy(ApplicationConfiguration source) => new()
    {
        PinAttempts = source.PinAttempts,
        AllowMultiplePinVerifications = source.AllowMultiplePinVerifications,
        PinTimeToLive = source.PinTimeToLive,
        VerifyPinLimit = source.VerifyPinLimit,
        SendPinPerApplicationLimit = source.SendPinPerApplicationLimit,
        SendPinPerPhoneNumberLimit = source.SendPinPerPhoneNumberLimit,
    };

    private static ApplicationConfiguration Merge(ApplicationConfiguration current, ApplicationConfiguration? changes)
    {
        var merged = Copy(current);
        if (changes is null) return merged;
        var present = changes.Present;
        if ((present & ConfigurationFields.PinAttempts) != 0) merged.PinAttempts = changes.PinAttempts;
        if ((present & ConfigurationFields.AllowMultiplePinVerifications) != 0) merged.AllowMultiplePinVerifications = changes.AllowMultiplePinVerifications;
        if ((present & ConfigurationFields.PinTimeToLive) != 0) merged.PinTimeToLive = changes.PinTimeToLive;
        if ((present & ConfigurationFields.VerifyPinLimit) != 0) merged.VerifyPinLimit = changes.VerifyPinLimit;
        if ((present & ConfigurationFields.SendPinPerApplicationLimit) != 0) merged.SendPinPerApplicationLimit = changes.SendPinPerApplicationLimit;
        if ((present & ConfigurationFields.SendPinPerPhoneNumberLimit) != 0) merged.SendPinPerPhoneNumberLimit = changes.SendPinPerPhoneNumberLimit;
        return merged;
    }
}
