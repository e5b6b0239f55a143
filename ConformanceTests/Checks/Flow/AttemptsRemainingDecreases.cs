namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>A wrong PIN costs exactly one attempt: <c>attemptsRemaining</c> is one lower than the previous answer's (never below 0).</summary>
public sealed class AttemptsRemainingDecreases : ICheck
{
    public string Name => "attempts-decrease";

    public CheckVerdict Run(CheckContext c)
    {
        if (c.Expected.Verification is not { AttemptsBefore: { } before }) return this.NotApplicable("no wrong PIN was sent");
        var (answer, verdict) = FlowValue.Object(this, c, "a verify answer");
        if (verdict is not null) return verdict;
        var received = FlowValue.Int(answer!["attemptsRemaining"]);
        var expected = Math.Max(before - 1, 0);
        return received == expected
            ? this.Pass($"attemptsRemaining went from {before} to {received}")
            : this.Fail($"a wrong PIN left attemptsRemaining at {FlowValue.Text(answer["attemptsRemaining"]) ?? "(missing)"}, not one lower than {before}",
                expected.ToString(), FlowValue.Text(answer["attemptsRemaining"]) ?? "(missing)");
    }
}
