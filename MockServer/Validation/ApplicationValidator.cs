using System.Collections.Concurrent;
using TwoFactorContracts.MockServer.Contract;
using TwoFactorContracts.MockServer.Input;

namespace TwoFactorContracts.MockServer.Validation;

/// <summary>
/// The contract's rules for an application request, with the real API's texts. Create and update share them
/// (update also requires the name). A valid request's times and limits are normalised in place.
/// </summary>
public static class ApplicationValidator
{
    public const string MayNotBeNull = "may not be null";
    public const string TimeFormat = "Time format should be \"{timeLength}{timeUnit}\". Time units can be: ms, s, m, h, d";
    public const string LimitFormat = "Limit format should be \"{attempts}/{timeLength}{timeUnit}\". Time units can be: ms, s, m, h, d";
    public const string AtLeastOne = "must be greater than or equal to 1";
    public const string AtMostOneYear = "must not exceed one year (365d)";
    public const string IntervalAtMostOneYear = "time interval must not exceed one year (365d)";
    public const string IntervalAtMostOneDay = "time interval must not exceed one day (1d)";
    public const string AttemptsTooLarge = "attempts must not exceed 2147483647";

    public static bool TryValidate(ParsedApplication parsed, out ValidationError? error) =>
        TryValidate(parsed, ValidationRules.Seed, out error);

    public static bool TryValidate(ParsedApplication parsed, ValidationRules rules, out ValidationError? error)
    {
        var lengthOptional = rules.TimeLengthOptional;
        var violations = parsed.Violations;
        var request = parsed.Request;
        if (request.Name is null) violations.Add(new FieldViolation(ApplicationField.Name, MayNotBeNull));

        var configuration = request.Configuration;
        if (configuration is not null)
        {
            var present = configuration.Present;
            if (Has(present, ConfigurationFields.PinAttempts) && configuration.PinAttempts < 1 && !HasViolation(violations, ApplicationField.PinAttempts))
                violations.Add(new FieldViolation(ApplicationField.PinAttempts, AtLeastOne));
            if (Has(present, ConfigurationFields.PinTimeToLive))
                configuration.PinTimeToLive = CheckTime(violations, ApplicationField.PinTimeToLive, configuration.PinTimeToLive, lengthOptional);
            if (Has(present, ConfigurationFields.VerifyPinLimit))
                configuration.VerifyPinLimit = CheckLimit(violations, ApplicationField.VerifyPinLimit, configuration.VerifyPinLimit, Duration.Day, IntervalAtMostOneDay, lengthOptional);
            if (Has(present, ConfigurationFields.SendPinPerApplicationLimit))
                configuration.SendPinPerApplicationLimit = CheckLimit(violations, ApplicationField.SendPinPerApplicationLimit, configuration.SendPinPerApplicationLimit, Duration.Year, IntervalAtMostOneYear, lengthOptional);
            if (Has(present, ConfigurationFields.SendPinPerPhoneNumberLimit))
                configuration.SendPinPerPhoneNumberLimit = CheckLimit(violations, ApplicationField.SendPinPerPhoneNumberLimit, configuration.SendPinPerPhoneNumberLimit, Duration.Year, IntervalAtMostOneYear, lengthOptional);
        }

        if (violations.Count == 0)
        {
            error = null;
            return true;
        }
        // Field order, stable: the order a reader of the request expects.
        var ordered = violations.OrderBy(v => v.Field).ToArray();
        error = new ValidationError(ordered);
        return false;
    }

    // Clients send the same few times and limits over and over: remembering their normal forms saves the
    // parse and, more usefully, stores one shared string instead of a copy per application. Bounded.
    private const int MaxRemembered = 4096;
    // Only texts every flavour reads alike are remembered: "m" is valid for today's API only.
    private static readonly ConcurrentDictionary<(ApplicationField, string), string> NormalForms = new();

    private static string CheckTime(List<FieldViolation> violations, ApplicationField field, string text, bool lengthOptional)
    {
        if (HasViolation(violations, field)) return text;
        if (NormalForms.TryGetValue((field, text), out var known)) return known;
        if (!Duration.TryParse(text, out var milliseconds, lengthOptional))
            violations.Add(new FieldViolation(field, TimeFormat));
        else if (milliseconds > Duration.Year)
            violations.Add(new FieldViolation(field, AtMostOneYear));
        else
            return Remember(field, text, Duration.Format(milliseconds), !lengthOptional || Duration.TryParse(text, out _));
        return text;
    }

    private static string CheckLimit(List<FieldViolation> violations, ApplicationField field, string text, long maxInterval, string tooLong, bool lengthOptional)
    {
        if (HasViolation(violations, field)) return text;
        if (NormalForms.TryGetValue((field, text), out var known)) return known;
        if (!Limit.TryParse(text, out var attempts, out var interval, lengthOptional))
            violations.Add(new FieldViolation(field, LimitFormat));
        else if (attempts > int.MaxValue)
            violations.Add(new FieldViolation(field, AttemptsTooLarge));
        else if (interval > maxInterval)
            violations.Add(new FieldViolation(field, tooLong));
        else
            return Remember(field, text, Limit.Format(attempts, interval), !lengthOptional || Limit.TryParse(text, out _, out _));
        return text;
    }

    private static string Remember(ApplicationField field, string text, string normal, bool validInEveryFlavour)
    {
        if (validInEveryFlavour && NormalForms.Count < MaxRemembered) NormalForms.TryAdd((field, text), normal);
        return normal;
    }

    private static bool Has(ConfigurationFields present, ConfigurationFields field) => (present & field) != 0;

    private static bool HasViolation(List<FieldViolation> violations, ApplicationField field)
    {
        foreach (var violation in violations)
            if (violation.Field == field) return true;
        return false;
    }
}
