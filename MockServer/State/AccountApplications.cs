namespace TwoFactorContracts.MockServer.State;

/// <summary>
/// One account's applications: creation order kept, O(1) get by id without a lock, writes serialised by a
/// lock so a list never sees half an update. Records are compact and never mutated: an update stores a new one.
/// </summary>
/// <remarks>
/// The index is an open-addressing table of positions in the creation-ordered array, keyed by the id each record
/// starts with: a few bytes an application where a dictionary entry costs several times more. Readers take no lock: a writer stores a record before the slot that points to it, and a
/// grown table is published whole, so a reader sees a record or nothing, never a torn one.
/// </remarks>
public sealed class AccountApplications
{
    private readonly object _writeLock = new();
    private volatile Table _table = new(8);
    private volatile int _count;
    private volatile Task<ApplicationListSnapshot>? _snapshotTask;

    public AccountApplications(IEnumerable<StoredRecord> seed)
    {
        foreach (var application in seed) Append(application);
    }

    public int Count => _count;

    /// <summary>The application with that id (32 upper-case hex characters), or an empty one.</summary>
    public StoredRecord Find(string applicationId)
    {
        var table = _table;
        return ApplicationKey.TryParse(applicationId, out var key) && table.Find(key) is var position and >= 0
            ? new StoredRecord(Volatile.Read(ref table.Records[position]))
            : default;
    }

    /// <summary>The current list as a completed task, cached until the next write (list is the hot path).</summary>
    public Task<ApplicationListSnapshot> ListAsTask()
    {
        var task = _snapshotTask;
        if (task is not null) return task;
        lock (_writeLock)
        {
            return _snapshotTask ??= Task.FromResult(new ApplicationListSnapshot(_table.Records.AsSpan(0, _count).ToArray()));
        }
    }

    /// <summary>Stores a new application built by <paramref name="create"/> from a fresh unique id (16 bytes).</summary>
    public StoredRecord Add(Func<byte[], StoredRecord> create)
    {
        lock (_writeLock)
        {
            byte[] id;
            do id = ApplicationIds.NewBytes(); while (_table.Find(ApplicationKey.From(id)) >= 0);
            var application = create(id);
            Append(application);
            return application;
        }
    }

    /// <summary>Replaces an application with the result of <paramref name="update"/>; empty when the id is unknown.</summary>
    public StoredRecord Replace(string applicationId, Func<StoredRecord, StoredRecord> update)
    {
        if (!ApplicationKey.TryParse(applicationId, out var key)) return default;
        lock (_writeLock)
        {
            var table = _table;
            var position = table.Find(key);
            if (position < 0) return default;
            var updated = update(new StoredRecord(table.Records[position]));
            if (updated.Key != key) throw new InvalidOperationException("An update must keep the application's id.");
            Volatile.Write(ref table.Records[position], updated.Bytes);
            _snapshotTask = null;
            return updated;
        }
    }

    // Under the write lock (or in the constructor).
    private void Append(StoredRecord application)
    {
        var table = _table;
        if (_count == table.Records.Length)
        {
            table = table.Grown(_count);
            _table = table;
        }
        table.Records[_count] = application.Bytes;
        table.Insert(application.Key, _count);
        _count++;
        _snapshotTask = null;
    }

    /// <summary>Records in creation order and, at twice their capacity, slots holding a record's position + 1 (0: empty).</summary>
    private sealed class Table(int capacity)
    {
        public readonly byte[][] Records = new byte[capacity][];
        private readonly int[] _slots = new int[capacity * 2];

        /// <summary>The position of the record with that id, or -1.</summary>
        public int Find(ApplicationKey key)
        {
            var mask = _slots.Length - 1;
            for (var i = SlotOf(key, mask); ; i = (i + 1) & mask)
            {
                var slot = Volatile.Read(ref _slots[i]);
                if (slot == 0) return -1;
                if (ApplicationKey.From(Volatile.Read(ref Records[slot - 1])) == key) return slot - 1;
            }
        }

        /// <summary>Points a free slot at <paramref name="position"/> (its record already stored there).</summary>
        public void Insert(ApplicationKey key, int position)
        {
            var mask = _slots.Length - 1;
            var i = SlotOf(key, mask);
            while (_slots[i] != 0) i = (i + 1) & mask;
            Volatile.Write(ref _slots[i], position + 1);
        }

        public Table Grown(int count)
        {
            var grown = new Table(Records.Length * 2);
            Array.Copy(Records, grown.Records, count);
            for (var position = 0; position < count; position++) grown.Insert(ApplicationKey.From(Records[position]), position);
            return grown;
        }

        // Ids are random (the seed's few excepted): their low bits are already a good hash.
        private static int SlotOf(ApplicationKey key, int mask) => (int)(key.Low ^ (key.Low >> 32) ^ key.High) & mask;
    }
}
