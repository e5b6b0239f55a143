namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>An answer about one PIN names it: a verify answers the pinId it was sent to, a resend keeps the pinId it resends.</summary>
public sealed class PinIdMatches : ICheck
{
    public string Name => "pin-id";

    public CheckVerdict Run(CheckContext c)
    {
        var expected = c.Expected.Verification?.PinId ?? c.Expected.Pin?.PinId;
        if (expected is null) return this.NotApplicable("no pinId is expected");
        var (answer, verdict) = FlowValue.Object(this, c, "an answer naming a pinId");
        if (verdict is not null) return verdict;
        var received = FlowValue.Text(answer!["pinId"]);
        return received == expected
            ? this.Pass($"pinId is {received}")
            : this.Fail($"pinId {received ?? "(missing)"} is not the one addressed", expected, received ?? "(missing)");
    }
}
