namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>The status is the one documented for the request (create basic: 200 or 201).</summary>
public sealed class StatusIsDocumented : ICheck
{
    public string Name => "status";

    public CheckVerdict Run(CheckContext c) => c.Expected.Statuses.Contains(c.Exchange.Status!.Value)
        ? this.Pass($"{c.Exchange.Status} is documented")
        : this.Fail($"status {c.Exchange.Status} is not the documented {c.Expected.StatusText}",
            c.Expected.StatusText, $"{c.Exchange.Status}: {CheckContext.Excerpt(c.Exchange.Body, 600)}");
}
