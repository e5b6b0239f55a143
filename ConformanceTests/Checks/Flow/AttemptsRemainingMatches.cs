namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>
/// Outside a wrong PIN, <c>attemptsRemaining</c> is what the expectation says: 0 after the right PIN (today's
/// document's example), 0 once none are left (NO_MORE_PIN_ATTEMPTS), what the earlier answers left otherwise.
/// </summary>
public sealed class AttemptsRemainingMatches : ICheck<AttemptsLeft>
{
    public string Name => "attempts-remaining";

    public CheckVerdict Run(CheckContext c, AttemptsLeft left)
    {
        if (!FlowValue.TryObject(this, c, "a verify answer", out var answer, out var failure)) return failure;
        var count = left.Count;
        var received = FlowValue.Int(answer["attemptsRemaining"]);
        if (received == count) return this.Pass($"attemptsRemaining is {received}");
        var text = FlowValue.Text(answer["attemptsRemaining"]) ?? "(missing)";
        return this.Fail($"attemptsRemaining is {text}, not {count}", count.ToString(), text);
    }
}
