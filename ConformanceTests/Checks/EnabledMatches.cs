namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>The answered application's <c>enabled</c> is the one the request sent (or the default).</summary>
public sealed class EnabledMatches : ICheck
{
    public string Name => "enabled";

    public CheckVerdict Run(CheckContext c)
    {
        var (expected, received, verdict) = ApplicationValue.Pair(this, c);
        if (verdict is not null) return verdict;
        if (!expected!.ContainsKey("enabled")) return this.NotApplicable("no enabled value is expected");
        return ApplicationValue.Same(expected["enabled"], received!["enabled"])
            ? this.Pass($"enabled is {ApplicationValue.Text(received["enabled"])}")
            : this.Fail("enabled differs", ApplicationValue.Text(expected["enabled"]), ApplicationValue.Text(received["enabled"]));
    }
}
