namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>
/// A send or resend to a recipient in a known state answers that state's documented outcome: each status the
/// expectation names (<c>ncStatus</c>, <c>smsStatus</c>, <c>callStatus</c>) is the one the answer carries.
/// </summary>
public sealed class SendOutcomeMatches : ICheck<ExpectedOutcome>
{
    public string Name => "send-outcome";

    public CheckVerdict Run(CheckContext c, ExpectedOutcome expected)
    {
        if (!FlowValue.TryObject(this, c, "a send answer", out var answer, out var failure)) return failure;
        foreach (var (field, value) in expected.Statuses)
        {
            var received = FlowValue.Text(answer[field]);
            if (received != value)
                return this.Fail($"{field} is {received ?? "(missing)"}, not the documented outcome {expected.Example}'s {value}", value, received ?? "(missing)");
        }
        return this.Pass($"{string.Join(", ", expected.Statuses.Select(s => $"{s.Key} {s.Value}"))}: the outcome {expected.Example}");
    }
}
