using TwoFactorContracts.ConformanceTests.Checks;

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

    public static CaseResult Failed(string id, string request, Exception e, CredentialMask mask)
    {
        var what = mask.Apply($"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
        return new CaseResult(id, request, [new CheckVerdict(Check, Outcome.Failed, $"could not run the case: {what}", "the case run to its verdict", what)]);
    }
}
