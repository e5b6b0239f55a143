namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>The error text is exactly the documented one; only in strict mode (real deployments word texts their own way).</summary>
public sealed class ErrorTextMatches : ICheck<ExpectedError>
{
    public string Name => "error-text";

    public CheckVerdict Run(CheckContext c, ExpectedError error)
    {
        if (!ErrorEnvelope.TryRead(c, "text", out var received, out var problem))
            return this.Fail(problem, error.Text, CheckContext.Excerpt(c.Exchange.Body));
        return received == error.Text
            ? this.Pass("text is the documented one")
            : this.Fail("error text differs from the documented one", error.Text, received);
    }
}
