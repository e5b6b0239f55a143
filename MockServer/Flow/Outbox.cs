namespace TwoFactorContracts.MockServer.Flow;

/// <summary>How a PIN message goes out.</summary>
public enum PinChannel
{
    Sms,
    Voice,
}

/// <summary>One message the mock would have sent: what a person would have read (or heard) and its PIN.</summary>
public sealed record OutboxMessage(
    PinChannel Channel,
    string To,
    string? From,
    string Text,
    string Pin,
    string PinId,
    string ApplicationId,
    string MessageId,
    long SentAtMillis);

/// <summary>
/// Every message the mock would have sent, oldest first, across accounts (the admin API reads it, like a mail
/// catcher). Bounded: the newest <see cref="Capacity"/> are kept.
/// </summary>
public sealed class Outbox(int capacity = Outbox.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly object _lock = new();
    private readonly Queue<OutboxMessage> _messages = new();

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
            _messages.Enqueue(message);
        }
    }

    /// <summary>The messages that match every filter given (null: any), oldest first.</summary>
    public IReadOnlyList<OutboxMessage> List(string? to = null, string? applicationId = null, string? pinId = null)
    {
        lock (_lock)
            return [.. _messages.Where(m =>
                (to is null || m.To == to) &&
                (applicationId is null || m.ApplicationId == applicationId) &&
                (pinId is null || m.PinId == pinId))];
    }

    public void Clear()
    {
        lock (_lock) _messages.Clear();
    }
}
