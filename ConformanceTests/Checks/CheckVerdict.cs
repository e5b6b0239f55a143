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

/// <summary>A check: one small named function with one job (the Schemathesis style). Its name is what reports show.</summary>
public interface INamedCheck
{
    string Name { get; }
}

/// <summary>A check that judges every answer (status, content type, schema).</summary>
public interface ICheck : INamedCheck
{
    CheckVerdict Run(CheckContext context);
}

/// <summary>
/// A check that judges an answer against one fact of the expectation (<typeparamref name="TNeed"/>); it runs only when
/// the expectation carries that fact (<see cref="RegisteredCheck"/>), so it is never asked without it.
/// </summary>
public interface ICheck<in TNeed> : INamedCheck where TNeed : class
{
    CheckVerdict Run(CheckContext context, TNeed expected);
}

/// <summary>Verdict shorthands for checks.</summary>
public static class Verdict
{
    public static CheckVerdict Pass(this INamedCheck check, string reason) => new(check.Name, Outcome.Passed, reason);

    public static CheckVerdict Fail(this INamedCheck check, string reason, string? expected = null, string? received = null) =>
        new(check.Name, Outcome.Failed, reason, expected, received);

    public static CheckVerdict NotApplicable(this INamedCheck check, string reason) => new(check.Name, Outcome.NotApplicable, reason);
}
