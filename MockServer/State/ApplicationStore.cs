using System.Collections.Concurrent;

namespace TwoFactorContracts.MockServer.State;

/// <summary>
/// All accounts' applications. An account appears on its first request, holding the seed. At most
/// <c>maxAccounts</c> are held: a new account beyond that is refused (null) rather than an old one evicted,
/// since eviction would silently lose what a client stored. A reset empties the store. This process's own
/// store (--store memory, the default): nothing to reach, so never a problem.
/// </summary>
public sealed class ApplicationStore(Func<IReadOnlyList<StoredRecord>> seed, int maxAccounts = int.MaxValue) : IStateStore
{
    private readonly object _addLock = new();
    private volatile ConcurrentDictionary<string, AccountApplications> _accounts = new(StringComparer.Ordinal);

    /// <summary>The account's applications, created with the seed on first use; null when the store is full.</summary>
    public AccountApplications? ForAccount(string account)
    {
        var accounts = _accounts;
        return accounts.TryGetValue(account, out var found) ? found : Add(accounts, account);
    }

    public int AccountCount => _accounts.Count;

    public int MaxAccounts => maxAccounts;

    public string Description => "memory (this process)";

    public string? Problem => null;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Back to the seed: every account forgets what it created.</summary>
    public void Reset() => _accounts = new ConcurrentDictionary<string, AccountApplications>(StringComparer.Ordinal);

    private AccountApplications? Add(ConcurrentDictionary<string, AccountApplications> accounts, string account)
    {
        // New accounts are rare (one per credential): a lock keeps the count check and the add together.
        lock (_addLock)
        {
            if (accounts.TryGetValue(account, out var found)) return found;
            if (accounts.Count >= maxAccounts) return null;
            var created = new AccountApplications(seed());
            accounts[account] = created;
            return created;
        }
    }
}
