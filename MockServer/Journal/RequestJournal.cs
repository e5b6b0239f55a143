using TwoFactorContracts.MockServer.Credentials;

namespace TwoFactorContracts.MockServer.Journal;

/// <summary>One API request as the journal keeps it: never the credential itself, only its masked form.</summary>
public readonly record struct JournalEntry(DateTimeOffset Time, string? RequestId, string Method, string Path, int Status, string? Credential, double DurationMs);

/// <summary>
/// The last N API requests in a fixed ring buffer: memory stays bounded under any load, and recording is a
/// slot write under a short lock (WireMock's own journal copies and sorts its log on every request).
/// </summary>
public sealed class RequestJournal
{
    private readonly JournalEntry[] _entries;
    private readonly object _lock = new();
    private long _written;

    public RequestJournal(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _entries = new JournalEntry[capacity];
    }

    public int Capacity => _entries.Length;

    /// <summary>How many requests were recorded since start or the last clear (including those overwritten).</summary>
    public long Recorded => Interlocked.Read(ref _written);

    public void Record(in JournalEntry entry)
    {
        if (_entries.Length == 0) return;
        lock (_lock)
        {
            _entries[_written % _entries.Length] = entry;
            _written++;
        }
    }

    /// <summary>The kept entries, oldest first.</summary>
    public JournalEntry[] Snapshot()
    {
        lock (_lock)
        {
            var count = (int)Math.Min(_written, _entries.Length);
            var result = new JournalEntry[count];
            var start = _written - count;
            for (var i = 0; i < count; i++) result[i] = _entries[(start + i) % _entries.Length];
            return result;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            Array.Clear(_entries);
            _written = 0;
        }
    }
}
