using System.Collections.Concurrent;
using TwoFactorContracts.MockServer.Contract;

namespace TwoFactorContracts.MockServer.State;

/// <summary>
/// One account's applications: creation order kept, O(1) get by id without a lock, writes serialised by a
/// lock so a list never sees half an update. Stored instances are never mutated: an update stores a new one.
/// </summary>
public sealed class AccountApplications
{
    private readonly object _writeLock = new();
    private readonly List<ApplicationResponse> _ordered = [];
    private readonly ConcurrentDictionary<string, (ApplicationResponse Application, int Index)> _byId = new(StringComparer.Ordinal);
    private volatile Task<List<ApplicationResponse>>? _snapshotTask;

    public AccountApplications(IEnumerable<ApplicationResponse> seed)
    {
        foreach (var application in seed) Append(application);
    }

    public int Count => _byId.Count;

    public ApplicationResponse? Find(string applicationId) =>
        _byId.TryGetValue(applicationId, out var entry) ? entry.Application : null;

    /// <summary>The current list as a completed task, cached until the next write (list is the hot path).</summary>
    public Task<List<ApplicationResponse>> ListAsTask()
    {
        var task = _snapshotTask;
        if (task is not null) return task;
        lock (_writeLock)
        {
            task = _snapshotTask;
            if (task is null)
            {
                var snapshot = new ApplicationListSnapshot(_ordered);
                _snapshotTask = task = Task.FromResult<List<ApplicationResponse>>(snapshot);
            }
            return task;
        }
    }

    /// <summary>Stores a new application built by <paramref name="create"/> from a fresh unique id.</summary>
    public ApplicationResponse Add(Func<string, ApplicationResponse> create)
    {
        lock (_writeLock)
        {
            string id;
            do id = ApplicationIds.New(); while (_byId.ContainsKey(id));
            var application = create(id);
            Append(application);
            return application;
        }
    }

    /// <summary>Replaces an application with the result of <paramref name="update"/>; null when the id is unknown.</summary>
    public ApplicationResponse? Replace(string applicationId, Func<ApplicationResponse, ApplicationResponse> update)
    {
        lock (_writeLock)
        {
            if (!_byId.TryGetValue(applicationId, out var entry)) return null;
            var updated = update(entry.Application);
            _ordered[entry.Index] = updated;
            _byId[applicationId] = (updated, entry.Index);
            Invalidate();
            return updated;
        }
    }

    private void Append(ApplicationResponse application)
    {
        _ordered.Add(application);
        _byId[application.ApplicationId] = (application, _ordered.Count - 1);
        Invalidate();
    }

    private void Invalidate()
    {
        _snapshotTask = null;
    }
}
