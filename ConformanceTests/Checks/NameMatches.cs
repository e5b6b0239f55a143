namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>The answered application has the name the request sent (or the chain established).</summary>
public sealed class NameMatches : ICheck
{
    public string Name => "name";

    public CheckVerdict Run(CheckContext c)
    {
        var (expected, received, verdict) = ApplicationValue.Pair(this, c);
        if (verdict is not null) return verdict;
        if (!expected!.ContainsKey("name")) return this.NotApplicable("no name is expected");
        return ApplicationValue.Same(expected["name"], received!["name"])
            ? this.Pass($"name is {ApplicationValue.Text(received["name"])}")
            : this.Fail("name differs", ApplicationValue.Text(expected["name"]), ApplicationValue.Text(received["name"]));
    }
}
