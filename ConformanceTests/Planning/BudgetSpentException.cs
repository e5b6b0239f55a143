namespace TwoFactorContracts.ConformanceTests.Planning;

/// <summary>A request the run may not send now (--no-wait and a spent budget, or throttled twice): the case is "not run", never failed.</summary>
public sealed class BudgetSpentException(string reason) : Exception(reason)
{
    public const string Prefix = "not run: budget";

    public string NotRunReason => $"{Prefix} ({Message})";
}
