using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>The error text is exactly the documented one; only in strict mode (real deployments word texts their own way).</summary>
public sealed class ErrorTextMatches : ICheck
{
    public string Name => "error-text";

    public CheckVerdict Run(CheckContext c)
    {
        if (c.Expected.Error?.Text is not { } text) return this.NotApplicable("no error text is expected");
        if (c.Mode == ConformanceMode.Lenient) return this.NotApplicable("lenient mode compares messageIds only");
        var (received, problem) = ErrorEnvelope.Read(c, "text");
        if (received is null) return this.Fail(problem!, text, CheckContext.Excerpt(c.Exchange.Body));
        return received == text
            ? this.Pass("text is the documented one")
            : this.Fail("error text differs from the documented one", text, received);
    }
}
