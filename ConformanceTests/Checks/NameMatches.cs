namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>The answered application has the name the request sent (or the chain established).</summary>
public sealed class NameMatches : ICheck<ExpectedApplication>
{
    public string Name => "name";

    public CheckVerdict Run(CheckContext c, ExpectedApplication expected)
    {
        if (!ApplicationValue.TryRead(this, c, expected, out var received, out var failure)) return failure;
        return ApplicationValue.Same(expected.Values["name"], received["name"])
            ? this.Pass($"name is {ApplicationValue.Text(received["name"])}")
            : this.Fail("name differs", ApplicationValue.Text(expected.Values["name"]), ApplicationValue.Text(received["name"]));
    }
}
