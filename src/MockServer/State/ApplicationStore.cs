using System.Collections.Concurrent;
using TwoFactorContracts.MockServer.Contract;

namespace TwoFactorContracts.MockServer.State;

/// <summary>All accounts' applications. An account appears on its first request, holding the seed.</summary>
public sealed class ApplicationStore(Func<IReadOnlyList<ApplicationResponse>> seed)
{
    private ConcurrentDictionary<string, AccountApplications> _accounts = new(StringComparer.Ordinal);

    public AccountApplications ForAccount(string account) =>
        _accounts.GetOrAdd(account, static (_, seedOf) => new AccountApplications(seedOf()), seed);

    public int AccountCount => _accounts.Count;

    /// <summary>Back to the seed: every account forgets what it created.</summary>
    public void Reset() => _accounts = new ConcurrentDictionary<string, AccountApplications>(StringComparer.Ordinal);
}
