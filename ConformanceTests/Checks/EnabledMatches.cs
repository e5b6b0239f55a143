namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>The answered application's <c>enabled</c> is the one the request sent (or the default).</summary>
public sealed class EnabledMatches : ICheck<ExpectedApplication>
{
    public string Name => "enabled";

    public CheckVerdict Run(CheckContext c, ExpectedApplication expected)
    {
        if (!ApplicationValue.TryRead(this, c, expected, out var received, out var failure)) return failure;
        return ApplicationValue.Same(expected.Values["enabled"], received["enabled"])
            ? this.Pass($"enabled is {ApplicationValue.Text(received["enabled"])}")
            : this.Fail("enabled differs", ApplicationValue.Text(expected.Values["enabled"]), ApplicationValue.Text(received["enabled"]));
    }
}
