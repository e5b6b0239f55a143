using System.Text.RegularExpressions;

namespace TwoFactorContracts.Bench.KestrelFloor;

/// <summary>Fills in defaults and checks formats, so the floor pays the validation cost the mock pays.</summary>
public static partial class ApplicationRules
{
    public static readonly ApplicationConfiguration Defaults = new(10, true, "15m", "1/3s", "10000/1d", "3/1d");

    /// <summary>The configuration a request asks for on top of <paramref name="current"/>, or the first error.</summary>
    public static (ApplicationConfiguration? Configuration, string? Error) Apply(ApplicationRequest request, ApplicationConfiguration current)
    {
        if (request.Name is null) return (null, "[name : may not be null]");
        var c = request.Configuration;
        if (c is null) return (current, null);
        if (c.PinAttempts is <= 0) return (null, "[configuration.pinAttempts : must be greater than or equal to 1]");
        if (c.PinTimeToLive is { } ttl && !Time().IsMatch(ttl)) return (null, "[configuration.pinTimeToLive : bad time format]");
        foreach (var (field, value) in new[] { ("verifyPinLimit", c.VerifyPinLimit), ("sendPinPerApplicationLimit", c.SendPinPerApplicationLimit), ("sendPinPerPhoneNumberLimit", c.SendPinPerPhoneNumberLimit) })
            if (value is not null && !Limit().IsMatch(value)) return (null, $"[configuration.{field} : bad limit format]");
        return (new ApplicationConfiguration(
            c.PinAttempts ?? current.PinAttempts,
            c.AllowMultiplePinVerifications ?? current.AllowMultiplePinVerifications,
            c.PinTimeToLive ?? current.PinTimeToLive,
            c.VerifyPinLimit ?? current.VerifyPinLimit,
            c.SendPinPerApplicationLimit ?? current.SendPinPerApplicationLimit,
            c.SendPinPerPhoneNumberLimit ?? current.SendPinPerPhoneNumberLimit), null);
    }

    [GeneratedRegex("^[1-9][0-9]*(ms|s|m|h|d)$")]
    private static partial Regex Time();

    [GeneratedRegex("^[1-9][0-9]*/[1-9][0-9]*(ms|s|m|h|d)$")]
    private static partial Regex Limit();
}
