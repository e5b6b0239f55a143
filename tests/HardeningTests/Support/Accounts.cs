namespace TwoFactorContracts.HardeningTests.Support;

/// <summary>Fresh credentials: each is its own account on the mock, so tests never see each other's state.</summary>
public static class Accounts
{
    public static string New(string purpose) => $"App hard-{purpose}-{Guid.NewGuid():N}";
}
