namespace MockServer.Tests.Support;

/// <summary>The real API's validation texts, as the seed page shows them (written out here on purpose: the tests check the server against them).</summary>
public static class Texts
{
    public const string TimeFormat = "Time format should be \"{timeLength}{timeUnit}\". Time units can be: ms, s, m, h, d";
    public const string LimitFormat = "Limit format should be \"{attempts}/{timeLength}{timeUnit}\". Time units can be: ms, s, m, h, d";
    public const string MissingName = "[name : may not be null]";
    public const string NotFound = "Application with given id cannot be found.";
    public const string Unauthorized = "Invalid login details";

    public const string FullJson = """
        {"name":"Full","configuration":{"pinAttempts":7,"allowMultiplePinVerifications":false,"pinTimeToLive":"30m",
         "verifyPinLimit":"2/5s","sendPinPerApplicationLimit":"500/1d","sendPinPerPhoneNumberLimit":"4/2h"},"enabled":false}
        """;
}
