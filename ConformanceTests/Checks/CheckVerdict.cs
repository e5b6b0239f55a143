namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>Accepted: the answer differs from the contract in a way the target profile accepts (with its reason).</summary>
public enum Outcome { Passed, Failed, NotApplicable, Accepted }

/// <summary>What one check concluded about one answer, with expected versus received when it failed.</summary>
public sealed record CheckVerdict(string Check, Outcome Outcome, string Reason, string? Expected = null, string? Received = null)
{
    /// <summary>The profile entry that accepted this difference (Outcome.Accepted only).</summary>
    public string? Deviation { get; init; }

    public bool Failed => Outcome == Outcome.Failed;

    public override string ToString() => Outcome switch
    {
        Outcome.Failed => $"[{Check}] FAILED: {Reason}" + (Expected is null ? "" : $"\n    expected: {Expected}\n    received: {Received}"),
        Outcome.Passed => $"[{Check}] passed: {Reason}",
        Outcome.Accepted => $"[{Check}] accepted deviation {Deviation}: {Reason}" + (Received is null ? "" : $" (received {Received})"),
        _ => $"[{Check}] n/a: {Reason}",
    };
}

/// <summary>A check: one small named function with one job (the Schemathesis style).</summary>
public interface ICheck
{
    string Name { get; }

    CheckVerdict Run(CheckContext context);
}

/// <summary>Verdict shorthands for checks.</summary>
public static class Verdict
{
    public static CheckVerdict Pass(this ICheck check, string reason) => new(check.Name, Outcome.Passed, reason);

    public static CheckVerdict Fail(this ICheck check, string reason, string? expected = null, string? received = null) =>
        new(check.Name, Outcome.Failed, reason, expected, received);

    public static CheckVerdict NotApplicable(this ICheck check, string reason) => new(check.Name, Outcome.NotApplicable, reason);
}
