namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>
/// Outside a wrong PIN, <c>attemptsRemaining</c> is what the earlier answers leave: unchanged by a right PIN, 0 once
/// none are left (NO_MORE_PIN_ATTEMPTS).
/// </summary>
public sealed class AttemptsRemainingMatches : ICheck
{
    public string Name => "attempts-remaining";

    public CheckVerdict Run(CheckContext c)
    {
        if (c.Expected.Verification is not { AttemptsBefore: null, AttemptsRemaining: { } count }) return this.NotApplicable("no attempt count is expected (or a wrong PIN: attempts-decrease)");
        var (answer, verdict) = FlowValue.Object(this, c, "a verify answer");
        if (verdict is not null) return verdict;
        var received = FlowValue.Int(answer!["attemptsRemaining"]);
        return received == count
            ? this.Pass($"attemptsRemaining is {received}")
            : this.Fail($"attemptsRemaining is {FlowValue.Text(answer["attemptsRemaining"]) ?? "(missing)"}, not {count}",
                count.ToString(), FlowValue.Text(answer["attemptsRemaining"]) ?? "(missing)");
    }
}
