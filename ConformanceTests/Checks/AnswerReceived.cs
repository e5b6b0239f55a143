namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>
/// The target answered in time with a whole response of a size the run reads (no timeout, no reset, no connection
/// closed mid-body, not larger than <see cref="Runner.AnswerBody.Limit"/>).
/// </summary>
public sealed class AnswerReceived : ICheck
{
    public string Name => "answer-received";

    public CheckVerdict Run(CheckContext c)
    {
        var exchange = c.Exchange;
        if (exchange.Answered) return this.Pass($"answered {exchange.Status} in {exchange.Elapsed.TotalMilliseconds:0} ms");
        var reason = exchange.TransportError ?? "no answer";
        var expected = exchange.TooLarge
            ? $"an answer of at most {Runner.AnswerBody.LimitText(Runner.AnswerBody.Limit)} to {exchange.Request}"
            : $"a whole answer to {exchange.Request}";
        var received = exchange.Status is { } status
            ? $"{status} {exchange.ContentType ?? "(no Content-Type)"}{(exchange.Body.Length > 0 ? ", body beginning " + CheckContext.Excerpt(exchange.Body, 200) : "")}: {reason}"
            : reason;
        return this.Fail(reason, expected, received);
    }
}
