namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>A send or resend answer issues a pinId (non-empty) and names the recipient it was sent to.</summary>
public sealed class PinSentTo : ICheck<ExpectedPin>
{
    public string Name => "pin-sent";

    public CheckVerdict Run(CheckContext c, ExpectedPin expected)
    {
        if (!FlowValue.TryObject(this, c, "a send answer", out var answer, out var failure)) return failure;
        if (FlowValue.Text(answer["pinId"]) is not { Length: > 0 } pinId)
            return this.Fail("the send answer issues no pinId", "a pinId", CheckContext.Excerpt(c.Exchange.Body));
        var to = FlowValue.Text(answer["to"]);
        return to == expected.To
            ? this.Pass($"pinId {pinId} sent to {to}")
            : this.Fail($"the send answer names {to ?? "(missing)"} as the recipient, not {expected.To}", expected.To, to ?? "(missing)");
    }
}
