using System.Collections.Concurrent;

namespace TwoFactorContracts.MockServer.State;

/// <summary>
/// One account's applications: creation order kept, O(1) get by id without a lock, writes serialised by a
/// lock so a list never sees half an update. Records are compact and never mutated: an update stores a new one.
/// </summary>
public sealed class AccountApplications
{
    private readonly object _writeLock = new();
    private readonly List<byte[]> _ordered = [];
    private readonly ConcurrentDictionary<ApplicationKey, (byte[] Record, int Index)> _byId = new();
    private volatile Task<ApplicationListSnapshot>? _snapshotTask;

    public AccountApplications(IEnumerable<StoredApplication> seed)
    {
        foreach (var application in seed) Append(application);
    }

    public int Count => _byId.Count;

    /// <summary>The application with that id (32 upper-case hex characters), or an empty one.</summary>
    public StoredApplication Find(string applicationId) =>
        ApplicationKey.TryParse(applicationId, out var key) && _byId.TryGetValue(key, out var entry)
            ? new StoredApplication(entry.Record)
            : default;

    /// <summary>The current list as a completed task, cached until the next write (list is the hot path).</summary>
    public Task<ApplicationListSnapshot> ListAsTask()
    {
        var task = _snapshotTask;
        if (task is not null) return task;
        lock (_writeLock)
        {
            return _snapshotTask ??= Task.FromResult(new ApplicationListSnapshot(_ordered.ToArray()));
        }
    }

    /// <summary>Stores a new application built by <paramref name="create"/> from a fresh unique id (16 bytes).</summary>
    public StoredApplication Add(Func<byte[], StoredApplication> create)
    {
        lock (_writeLock)
        {
            byte[] id;
            do id = ApplicationIds.NewBytes(); while (_byId.ContainsKey(ApplicationKey.From(id)));
            var application = create(id);
            Append(application);
            return application;
        }
    }

    /// <summary>Replaces an application with the result of <paramref name="update"/>; empty when the id is unknown.</summary>
    public StoredApplication Replace(string applicationId, Func<StoredApplication, StoredApplication> update)
    {
        if (!ApplicationKey.TryParse(applicationId, out var key)) return default;
        lock (_writeLock)
        {
            if (!_byId.TryGetValue(key, out var entry)) return default;
            var updated = update(new StoredApplication(entry.Record));
            _ordered[entry.Index] = updated.Bytes;
            _byId[key] = (updated.Bytes, entry.Index);
            _snapshotTask = null;
            return updated;
        }
    }

    private void Append(StoredApplication application)
    {
        _ordered.Add(application.Bytes);
        _byId[application.Key] = (application.Bytes, _ordered.Count - 1);
        _snapshotTask = null;
    }
}
