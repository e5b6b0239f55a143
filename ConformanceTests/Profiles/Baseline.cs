using TwoFactorContracts.ConformanceTests.Reports;

namespace TwoFactorContracts.ConformanceTests.Profiles;

/// <summary>
/// --write-baseline: the profile the run used, plus one entry per failed check on each failing case, so a CI run
/// with the new profile fails only on what changes (regressions), and the report still lists what it accepts.
/// </summary>
public static class Baseline
{
    public static TargetProfile From(TargetProfile profile, ConformanceReport report, string runId)
    {
        var entries = report.Failed
            .SelectMany(r => r.Failures.Select(f => (Case: r.Id, f.Check, f.Reason)))
            .Select(f => new Deviation
            {
                Id = $"baseline/{f.Case}/{f.Check}",
                Reason = $"failing when the baseline was recorded (run {runId}): {f.Reason}",
                Accept = new CheckAcceptance { Cases = f.Case, Check = f.Check },
            })
            .GroupBy(d => d.Id).Select(g => g.First());
        return new TargetProfile
        {
            Name = $"{profile.Name}+baseline",
            Description = $"{profile.Description} Baseline recorded by run {runId}: what failed then is accepted.".Trim(),
            AccountStartsWithSeedApplications = profile.AccountStartsWithSeedApplications,
            Budgets = profile.Budgets,
            Budget = profile.Budget,
            Deviations = [.. profile.Deviations, .. entries],
        };
    }
}
