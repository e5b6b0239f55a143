namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>
/// A send or resend that asked for delivery reports (<c>trackDelivery: true</c>) answers the message's
/// <c>externalMessageId</c>, as today's document's example "Send PIN over SMS with delivery report" does.
/// </summary>
public sealed class ExternalMessageIdIssued : ICheck<DeliveryTracked>
{
    public string Name => "delivery-tracked";

    public CheckVerdict Run(CheckContext c, DeliveryTracked tracked)
    {
        if (!FlowValue.TryObject(this, c, "a send answer", out var answer, out var failure)) return failure;
        return FlowValue.Text(answer["externalMessageId"]) is { Length: > 0 } id
            ? this.Pass($"externalMessageId {id}")
            : this.Fail("the request asked for delivery reports (trackDelivery true), but the answer carries no externalMessageId",
                "an externalMessageId", CheckContext.Excerpt(c.Exchange.Body));
    }
}
