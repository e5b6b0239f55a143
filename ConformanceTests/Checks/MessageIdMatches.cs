namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>The error's messageId is the documented one (APPLICATION_NOT_FOUND, not a generic NOT_FOUND). Both modes.</summary>
public sealed class MessageIdMatches : ICheck<ExpectedError>
{
    public string Name => "message-id";

    public CheckVerdict Run(CheckContext c, ExpectedError error)
    {
        if (!ErrorEnvelope.TryRead(c, "messageId", out var received, out var problem))
            return this.Fail(problem, error.MessageId, CheckContext.Excerpt(c.Exchange.Body));
        return received == error.MessageId
            ? this.Pass($"messageId is {received}")
            : this.Fail($"messageId {received} is not the documented {error.MessageId}", error.MessageId, received);
    }
}
