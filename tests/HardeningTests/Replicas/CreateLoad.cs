using System.Collections.Concurrent;
using System.Diagnostics;
using TwoFactorContracts.HardeningTests.Support;

namespace TwoFactorContracts.HardeningTests.Replicas;

/// <summary>
/// Creates of one account and what became of them: acknowledged (200, with the id), refused by a lost store
/// (503: must be the envelope, within <c>bound</c> when given), or unknown (the replica died mid-request).
/// Anything else is a problem. A 503 or a lost answer may still have been stored (like any timeout): whole, at most once.
/// </summary>
public sealed class CreateLoad(string account)
{
    public string Account => account;

    private readonly ConcurrentDictionary<string, string> _acknowledged = new();
    private readonly ConcurrentDictionary<string, byte> _uncertain = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];

    public ConcurrentBag<string> Problems { get; } = [];

    /// <summary>Completes at the first 503.</summary>
    public TaskCompletionSource Refused { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyDictionary<string, string> Acknowledged() => _acknowledged;

    /// <summary>Completes once this many creates were acknowledged.</summary>
    public Task Acknowledged(int count)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters) _waiters.Add((count, reached));
        Notify();
        return reached.Task;
    }

    public void Merge(CreateLoad other)
    {
        foreach (var (id, name) in other._acknowledged) _acknowledged[id] = name;
        foreach (var name in other._uncertain.Keys) _uncertain[name] = 0;
    }

    /// <summary>True when acknowledged; false when refused (503) or the replica went away mid-request.</summary>
    public async Task<bool> TryCreateAsync(HttpClient client, string name, TimeSpan? bound = null)
    {
        var clock = Stopwatch.StartNew();
        ApiAnswer answer;
        string? id;
        try
        {
            (answer, id) = await ReplicaApi.CreateAsync(client, account, name);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            _uncertain[name] = 0; // the replica died: the create may or may not have been stored
            return false;
        }
        if (id is not null)
        {
            if (!_acknowledged.TryAdd(id, name)) Problems.Add($"id {id} acknowledged twice");
            Notify();
            return true;
        }
        _uncertain[name] = 0;
        foreach (var problem in ReplicaApi.StoreUnavailableProblems(answer)) Problems.Add($"{name}: {problem}");
        if (clock.Elapsed > bound) Problems.Add($"{name}: 503 after {clock.Elapsed.TotalMilliseconds:0} ms");
        Refused.TrySetResult();
        return false;
    }

    /// <summary>Every acknowledged create listed exactly once; anything else listed is a create whose answer was lost.</summary>
    public async Task ShouldListEveryAcknowledgedOnceAsync(HttpClient client, string who)
    {
        var listed = await ReplicaApi.ListAsync(client, account);
        listed.Select(a => a.Id).Distinct().Count().ShouldBe(listed.Count, $"{who} lists an id twice");
        var ids = listed.Select(a => a.Id).ToHashSet();
        _acknowledged.Keys.Where(id => !ids.Contains(id)).ShouldBeEmpty($"{who} lost acknowledged creates");
        listed.Where(a => !_acknowledged.ContainsKey(a.Id) && !_uncertain.ContainsKey(a.Name))
            .ShouldBeEmpty($"{who} lists applications nobody created");
        listed.Where(a => _acknowledged.TryGetValue(a.Id, out var name) && name != a.Name).ShouldBeEmpty($"{who} lists an application under another name");
    }

    private void Notify()
    {
        lock (_waiters)
            foreach (var (count, reached) in _waiters)
                if (_acknowledged.Count >= count) reached.TrySetResult();
    }
}
