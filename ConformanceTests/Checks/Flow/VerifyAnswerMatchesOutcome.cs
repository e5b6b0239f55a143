namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>
/// A verify answer says what happened to the PIN: <c>verified</c> and <c>pinError</c> as the application's
/// configuration decides (WRONG_PIN, TTL_EXPIRED, NO_MORE_PIN_ATTEMPTS; none, or NO_ERROR, on success).
/// </summary>
public sealed class VerifyAnswerMatchesOutcome : ICheck<ExpectedVerification>
{
    public const string NoError = "NO_ERROR";

    public string Name => "verify-outcome";

    public CheckVerdict Run(CheckContext c, ExpectedVerification expected)
    {
        if (!FlowValue.TryObject(this, c, "a verify answer", out var answer, out var failure)) return failure;
        var verified = FlowValue.Bool(answer["verified"]);
        var pinError = FlowValue.Text(answer["pinError"]);
        if (pinError == NoError) pinError = null; // clients see either on success
        var want = Describe(expected.Verified, expected.PinError);
        var got = verified is null ? $"verified {FlowValue.Text(answer["verified"]) ?? "(missing)"}" : Describe(verified.Value, pinError);
        return verified == expected.Verified && pinError == expected.PinError
            ? this.Pass(want)
            : this.Fail($"the verify answered {got}, not {want}", want, got);
    }

    private static string Describe(bool verified, string? pinError) =>
        $"verified {verified.ToString().ToLowerInvariant()}{(pinError is null ? ", no pinError" : $", pinError {pinError}")}";
}
