using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Model;

/// <summary>
/// What the contract cannot say, in one place: the real API's error texts for each kind of field, and the caps
/// on times and limits (one day for PIN verification, one year otherwise). The largest-unit rule is
/// <see cref="Duration.Format"/>. Everything else about a field comes from the contract.
/// </summary>
public static class ApiTexts
{
    public const string MayNotBeNull = "may not be null";
    public const string TimeFormat = "Time format should be \"{timeLength}{timeUnit}\". Time units can be: ms, s, m, h, d";
    public const string LimitFormat = "Limit format should be \"{attempts}/{timeLength}{timeUnit}\". Time units can be: ms, s, m, h, d";
    public const string AtMostOneYear = "must not exceed one year (365d)";
    public const string IntervalAtMostOneYear = "time interval must not exceed one year (365d)";
    public const string IntervalAtMostOneDay = "time interval must not exceed one day (1d)";
    public const string AttemptsTooLarge = "attempts must not exceed 2147483647";

    /// <summary>Bean Validation's wording, which the real API's texts use (<c>must be greater than or equal to 1</c>).</summary>
    public static string AtLeast(long minimum) => $"must be greater than or equal to {minimum}";

    public static string AtMost(long maximum) => $"must be less than or equal to {maximum}";

    public static string AtLeast(decimal minimum) => $"must be greater than or equal to {minimum.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static string AtMost(decimal maximum) => $"must be less than or equal to {maximum.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>A value outside the contract's enum, the values listed as the real API lists allowed ones.</summary>
    public static string OneOf(IEnumerable<string> values) => $"must be one of [{string.Join(", ", values)}]";

    public static string MustMatch(string pattern) => $"must match \"{pattern}\"";

    /// <summary>A string outside its minLength and maxLength, in Bean Validation's @Size wording.</summary>
    public static string SizeBetween(int minimum, int maximum) => $"size must be between {minimum} and {maximum}";

    public static string WrongType(FieldKind kind) => kind switch
    {
        FieldKind.Int32 => "must be a 32-bit integer",
        FieldKind.Int64 => "must be a 64-bit integer",
        FieldKind.Boolean => "must be a boolean",
        FieldKind.Object => "must be an object",
        FieldKind.Number => "must be a number",
        FieldKind.Map => "must be an object of strings",
        _ => "must be a string",
    };

    // The real API's caps (real-api-facts.md): the only place a field is named outside the contract.
    private const string VerifyPinLimit = "configuration.verifyPinLimit";

    /// <summary>The longest time, or limit interval, the API takes for a field, and the text when it is exceeded.</summary>
    public static (long Milliseconds, string Text) CapOf(ModelField field) => field.Kind == FieldKind.Time
        ? (Duration.Year, AtMostOneYear)
        : field.Path == VerifyPinLimit ? (Duration.Day, IntervalAtMostOneDay) : (Duration.Year, IntervalAtMostOneYear);
}
