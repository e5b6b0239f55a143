using TwoFactorContracts.ConformanceTests.Profiles;
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
        if (received == count) return this.Pass($"attemptsRemaining is {received}");
        var text = FlowValue.Text(answer["attemptsRemaining"]) ?? "(missing)";
        // After the right PIN, the count left is our decision; today's document's only example answers 0.
        if (c.Expected.Verification.Verified)
        {
            var decision = OurDecisions.AttemptsAfterRightPin;
            return received == 0 && c.Profile.Relaxing(decision) is { } relaxed
                ? new CheckVerdict(Name, Outcome.Accepted, $"our decision `{decision}` not followed by the target: attemptsRemaining 0 after the right PIN; {relaxed.Reason}",
                    count.ToString(), text) { Deviation = relaxed.Id }
                : this.Fail($"attemptsRemaining is {text}, not {count}; {OurDecisions.Describe(c.Profile.Decisions, decision)}", count.ToString(), text);
        }
        return this.Fail($"attemptsRemaining is {text}, not {count}", count.ToString(), text);
    }
}
