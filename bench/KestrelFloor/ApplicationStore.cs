using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace TwoFactorContracts.Bench.KestrelFloor;

/// <summary>Applications per account (the credential), in creation order, found by id in O(1).</summary>
public sealed class ApplicationStore
{
    private readonly ConcurrentDictionary<string, Account> accounts = new(StringComparer.Ordinal);

    public IReadOnlyList<Application> List(string account)
    {
        var a = For(account);
        lock (a) return a.Ordered.ToArray();
    }

    public Application? Get(string account, string id)
    {
        var a = For(account);
        lock (a) return a.ById.TryGetValue(id, out var index) ? a.Ordered[index] : null;
    }

    public Application Create(string account, string name, ApplicationConfiguration configuration, bool enabled)
    {
        var created = new Application(NewId(), name, configuration, enabled, NewId());
        var a = For(account);
        lock (a)
        {
            a.ById[created.ApplicationId] = a.Ordered.Count;
            a.Ordered.Add(created);
        }
        return created;
    }

    public Application? Update(string account, string id, Func<Application, Application> change)
    {
        var a = For(account);
        lock (a)
        {
            if (!a.ById.TryGetValue(id, out var index)) return null;
            return a.Ordered[index] = change(a.Ordered[index]);
        }
    }

    private Account For(string account) => accounts.GetOrAdd(account, static _ => new Account());

    private static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private sealed class Account
    {
        public readonly List<Application> Ordered = new();
        public readonly Dictionary<string, int> ById = new(StringComparer.Ordinal);
    }
}
