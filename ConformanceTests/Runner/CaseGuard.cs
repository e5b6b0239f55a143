using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Planning;

namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>
/// Around each case and scenario step: an exception fails that case (check <c>run</c>, with what was thrown) and the
/// run goes on. Only the run being stopped (the user's cancellation, the deadline) ends it.
/// </summary>
public static class CaseGuard
{
    public const string Check = "run";

    /// <summary>True when the exception is the run being stopped through <paramref name="cancel"/>: that one propagates.</summary>
    public static bool IsStop(Exception e, CancellationToken cancel) => e is OperationCanceledException && cancel.IsCancellationRequested;

    /// <summary>
    /// Runs one case or step: a spent budget makes it "not run" with the budget's reason, anything else thrown fails it
    /// (<paramref name="request"/>: what the report shows as its request).
    /// </summary>
    public static async Task<CaseResult> RunAsync(string id, string request, CredentialMask mask, CancellationToken cancel, Func<Task<CaseResult>> run)
    {
        try { return await run(); }
        catch (BudgetSpentException e) { return new CaseResult(id, "(not sent)", [], e.NotRunReason); }
        catch (Exception e) when (!IsStop(e, cancel)) { return Failed(id, request, e, mask); }
    }

    public static CaseResult Failed(string id, string request, Exception e, CredentialMask mask)
    {
        var what = mask.Apply($"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
        return new CaseResult(id, request, [new CheckVerdict(Check, Outcome.Failed, $"could not run the case: {what}", "the case run to its verdict", what)]);
    }
}
