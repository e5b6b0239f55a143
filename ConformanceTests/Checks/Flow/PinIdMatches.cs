namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>An answer about one PIN names it: a verify answers the pinId it was sent to, a resend keeps the pinId it resends.</summary>
public sealed class PinIdMatches : ICheck<INamesPin>
{
    public string Name => "pin-id";

    public CheckVerdict Run(CheckContext c, INamesPin pin)
    {
        if (!FlowValue.TryObject(this, c, "an answer naming a pinId", out var answer, out var failure)) return failure;
        var expected = pin.PinId;
        var received = FlowValue.Text(answer["pinId"]);
        return received == expected
            ? this.Pass($"pinId is {received}")
            : this.Fail($"pinId {received ?? "(missing)"} is not the one addressed", expected, received ?? "(missing)");
    }
}
