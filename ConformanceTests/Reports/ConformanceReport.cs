using System.Collections.Concurrent;
using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Planning;
using TwoFactorContracts.ConformanceTests.Profiles;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Reports;

/// <summary>The results of a run, by section, as the tests record them (thread-safe; tests may run in parallel).</summary>
public sealed class ConformanceReport
{
    public const string Documented = "Documented cases";
    public const string ExactExamples = "Documented cases, exact examples (examples-mode mock)";
    public const string Negative = "Negative cases derived from the request schema";
    public const string Lifecycle = "Lifecycle and cross-checks";

    public static readonly IReadOnlyList<string> Sections = [Documented, ExactExamples, Negative, Lifecycle];

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, CaseResult>> _sections = new();

    public void Add(string section, CaseResult result) =>
        _sections.GetOrAdd(section, _ => new())[result.Id] = result;

    public IReadOnlyDictionary<string, CaseResult> Section(string section) =>
        _sections.TryGetValue(section, out var results) ? results : new Dictionary<string, CaseResult>();

    public IReadOnlyList<CaseResult> All => Sections.SelectMany(s => Section(s).Values).ToList();

    public IReadOnlyList<CaseResult> Failed => All.Where(r => !r.Skipped && !r.Passed).OrderBy(r => r.Id).ToList();

    /// <summary>Cases a spent budget (or a target throttling twice) kept from being sent: never failures.</summary>
    public IReadOnlyList<CaseResult> NotRunForBudget => All.Where(r => r.SkipReason?.StartsWith(BudgetSpentException.Prefix, StringComparison.Ordinal) == true).ToList();

    /// <summary>Profile entries the target showed (or that kept a case from being sent), with the cases they covered.</summary>
    public IReadOnlyList<(Deviation Entry, IReadOnlyList<string> Cases)> Accepted(TargetProfile profile)
    {
        var seen = All.SelectMany(r => r.Verdicts.Where(v => v.Outcome == Outcome.Accepted && v.Deviation is not null)
                .SelectMany(v => v.Deviation!.Split(", ")).Select(id => (Id: id, Case: r.Id)))
            .GroupBy(s => s.Id)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(s => s.Case).Distinct().Order().ToList());
        return profile.Deviations.Concat(profile.DecisionEntries).Where(d => seen.ContainsKey(d.Id)).Select(d => (d, seen[d.Id])).ToList();
    }

    /// <summary>Profile entries the run never needed: the target no longer differs that way (or the run did not reach it).</summary>
    public IReadOnlyList<Deviation> Stale(TargetProfile profile)
    {
        var seen = Accepted(profile).Select(a => a.Entry.Id).ToHashSet();
        return profile.Deviations.Where(d => !seen.Contains(d.Id)).ToList();
    }
}
