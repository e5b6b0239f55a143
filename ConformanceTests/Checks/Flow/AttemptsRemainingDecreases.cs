namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>A wrong PIN costs exactly one attempt: <c>attemptsRemaining</c> is one lower than the previous answer's (never below 0).</summary>
public sealed class AttemptsRemainingDecreases : ICheck<AttemptSpent>
{
    public string Name => "attempts-decrease";

    public CheckVerdict Run(CheckContext c, AttemptSpent spent)
    {
        if (!FlowValue.TryObject(this, c, "a verify answer", out var answer, out var failure)) return failure;
        var before = spent.Before;
        var received = FlowValue.Int(answer["attemptsRemaining"]);
        var expected = Math.Max(before - 1, 0);
        return received == expected
            ? this.Pass($"attemptsRemaining went from {before} to {received}")
            : this.Fail($"a wrong PIN left attemptsRemaining at {FlowValue.Text(answer["attemptsRemaining"]) ?? "(missing)"}, not one lower than {before}",
                expected.ToString(), FlowValue.Text(answer["attemptsRemaining"]) ?? "(missing)");
    }
}
