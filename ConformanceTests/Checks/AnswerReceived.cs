namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>The target answered in time with a whole response (no timeout, no reset).</summary>
public sealed class AnswerReceived : ICheck
{
    public string Name => "answer-received";

    public CheckVerdict Run(CheckContext c) => c.Exchange.Answered
        ? this.Pass($"answered {c.Exchange.Status} in {c.Exchange.Elapsed.TotalMilliseconds:0} ms")
        : this.Fail(c.Exchange.TransportError!, $"an answer to {c.Exchange.Request}", c.Exchange.TransportError);
}
