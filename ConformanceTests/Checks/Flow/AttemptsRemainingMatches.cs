namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>
/// Outside a wrong PIN, <c>attemptsRemaining</c> is what the expectation says: 0 after the right PIN (today's
/// document's example), 0 once none are left (NO_MORE_PIN_ATTEMPTS), what the earlier answers left otherwise.
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
        if (received == count) return this.Pass($"attemptsRemaining is {received}");
        var text = FlowValue.Text(answer["attemptsRemaining"]) ?? "(missing)";
        return this.Fail($"attemptsRemaining is {text}, not {count}", count.ToString(), text);
    }
}
