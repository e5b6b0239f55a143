namespace TwoFactorContracts.MockServer.Flow;

/// <summary>How a PIN message goes out.</summary>
public enum PinChannel
{
    Sms,
    Voice,
    Email,
}

/// <summary>One message the mock would have sent: what a person would have read (or heard) and its PIN; <c>To</c> an email address for an email.</summary>
public sealed record OutboxMessage(
    PinChannel Channel,
    string To,
    string? From,
    string Text,
    string Pin,
    string PinId,
    string ApplicationId,
    string MessageId,
    long SentAtMillis)
{
    /// <summary>Its place in the outbox: 1 for the first message since the mock started, never reused (a clear does not reset it).</summary>
    public long Sequence { get; init; }

    /// <summary>False when the send answered that the message did not go out (<c>MESSAGE_NOT_SENT</c>): recorded, never delivered.</summary>
    public bool Sent { get; init; } = true;

    /// <summary>What the send answered for the message: its <c>smsStatus</c> or <c>callStatus</c>; null when not recorded.</summary>
    public string? Status { get; init; }

    /// <summary>The number lookup's <c>ncStatus</c> the send answered, or null (no lookup).</summary>
    public string? NcStatus { get; init; }
}

/// <summary>
/// A read of the outbox: the messages asked for, oldest first, and where the outbox stands, so a poller can ask for
/// what is new (<see cref="Latest"/>) and drop what was cleared or rolled out (below <see cref="Oldest"/>).
/// </summary>
/// <param name="Latest">The sequence of the newest message ever added (0: none yet).</param>
/// <param name="Oldest">The sequence of the oldest message kept; <see cref="Latest"/> + 1 when none is.</param>
/// <param name="Total">How many kept messages match the filters, whatever <c>after</c> and <c>limit</c> left out.</param>
public sealed record OutboxRead(IReadOnlyList<OutboxMessage> Messages, long Latest, long Oldest, int Total);

/// <summary>
/// Every message the mock would have sent, oldest first, across accounts (the admin API reads it, like a mail
/// catcher). Bounded: the newest <see cref="Capacity"/> are kept.
/// </summary>
public sealed class Outbox(int capacity = Outbox.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly object _lock = new();
    private readonly Queue<OutboxMessage> _messages = new();
    private long _latest;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int Count
    {
        get { lock (_lock) return _messages.Count; }
    }

    public void Add(OutboxMessage message)
    {
        lock (_lock)
        {
            if (_messages.Count == Capacity) _messages.Dequeue();
            _messages.Enqueue(message with { Sequence = ++_latest });
        }
    }

    /// <summary>The messages that match every filter given (null: any), oldest first.</summary>
    public IReadOnlyList<OutboxMessage> List(string? to = null, string? applicationId = null, string? pinId = null) =>
        Read(to, applicationId, pinId).Messages;

    /// <summary>
    /// The messages that match every filter given (null: any) and came after sequence <paramref name="after"/>,
    /// oldest first; with <paramref name="limit"/>, only the newest that many of them.
    /// </summary>
    public OutboxRead Read(string? to = null, string? applicationId = null, string? pinId = null, long after = 0, int? limit = null)
    {
        lock (_lock)
        {
            var matching = _messages.Where(m =>
                (to is null || m.To == to) &&
                (applicationId is null || m.ApplicationId == applicationId) &&
                (pinId is null || m.PinId == pinId)).ToList();
            var asked = matching.Where(m => m.Sequence > after).ToList();
            if (limit is { } most && asked.Count > most) asked.RemoveRange(0, asked.Count - most);
            var oldest = _messages.Count > 0 ? _messages.Peek().Sequence : _latest + 1;
            return new OutboxRead(asked, _latest, oldest, matching.Count);
        }
    }

    public void Clear()
    {
        lock (_lock) _messages.Clear();
    }
}
