using TwoFactorContracts.ConformanceTests.Checks;

namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>The verdicts on one case (a documented exchange, a derived negative request, or a lifecycle step).</summary>
public sealed record CaseResult(string Id, string Request, IReadOnlyList<CheckVerdict> Verdicts, string? SkipReason = null)
{
    public bool Skipped => SkipReason is not null;

    public bool Passed => !Skipped && Verdicts.All(v => !v.Failed);

    /// <summary>True when a verdict is a difference the target profile accepts.</summary>
    public bool Accepted => Verdicts.Any(v => v.Outcome == Outcome.Accepted);

    public IEnumerable<CheckVerdict> Failures => Verdicts.Where(v => v.Failed);

    public CheckVerdict? Verdict(string check) => Verdicts.FirstOrDefault(v => v.Check == check);

    public string Describe() =>
        Skipped
            ? $"{Id}: skipped ({SkipReason})"
            : $"{Id}: {(Passed ? Accepted ? "passed (deviations accepted)" : "passed" : "FAILED")}\n  request: {Request}\n  "
              + string.Join("\n  ", Verdicts.Where(v => v.Outcome != Outcome.NotApplicable));
}
