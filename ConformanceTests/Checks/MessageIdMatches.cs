namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>The error's messageId is the documented one (APPLICATION_NOT_FOUND, not a generic NOT_FOUND). Both modes.</summary>
public sealed class MessageIdMatches : ICheck
{
    public string Name => "message-id";

    public CheckVerdict Run(CheckContext c)
    {
        if (c.Expected.Error is not { } error) return this.NotApplicable("no error is expected");
        var (received, problem) = ErrorEnvelope.Read(c, "messageId");
        if (received is null) return this.Fail(problem!, error.MessageId, CheckContext.Excerpt(c.Exchange.Body));
        return received == error.MessageId
            ? this.Pass($"messageId is {received}")
            : this.Fail($"messageId {received} is not the documented {error.MessageId}", error.MessageId, received);
    }
}
