using System.Collections.Concurrent;

namespace TwoFactorContracts.MockServer.Flow;

/// <summary>
/// One sent PIN: what was sent, when, until when it verifies (fixed at send), the wrong attempts spent and when
/// it was verified. Changed only under its account's lock.
/// </summary>
public sealed class PinRecord(string pinId, string applicationId, string messageId, string to, string pin,
    long sentAtMillis, long expiresAtMillis, IReadOnlyDictionary<string, string>? placeholders)
{
    public string PinId { get; } = pinId;
    public string ApplicationId { get; } = applicationId;
    public string MessageId { get; } = messageId;
    public string To { get; } = to;
    public string Pin { get; } = pin;
    public long SentAtMillis { get; } = sentAtMillis;
    public long ExpiresAtMillis { get; } = expiresAtMillis;

    /// <summary>The send's placeholders: a resend without its own renders with these.</summary>
    public IReadOnlyDictionary<string, string>? Placeholders { get; } = placeholders;

    public int WrongAttempts { get; internal set; }

    /// <summary>Whether one of its messages went out (the verification status's <c>sent</c>); an SMS not sent leaves it false.</summary>
    public bool Delivered { get; internal set; }

    /// <summary>When it first verified (epoch milliseconds), or null.</summary>
    public long? VerifiedAtMillis { get; internal set; }

    public bool Verified => VerifiedAtMillis is not null;
}

/// <summary>
/// One account's PIN flow state: its pins (by id and in send order) and its limit counts, behind one lock so a
/// send, resend or verify is applied whole or not at all.
/// </summary>
internal sealed class AccountFlow
{
    public readonly object Lock = new();
    public readonly Dictionary<string, PinRecord> ById = new(StringComparer.Ordinal);
    public readonly Queue<PinRecord> InSendOrder = new();
    public readonly SendLimits Limits = new();

    /// <summary>Records a pin; the oldest is forgotten beyond <paramref name="capacity"/> (its pinId then answers 404).</summary>
    public void Add(PinRecord pin, int capacity)
    {
        if (InSendOrder.Count >= capacity) ById.Remove(InSendOrder.Dequeue().PinId);
        InSendOrder.Enqueue(pin);
        ById[pin.PinId] = pin;
    }
}

/// <summary>
/// The pins of every account (pins belong to the credential's account like applications do). An account's
/// entry is made on its first send; asking about an account that never sent makes nothing.
/// </summary>
internal sealed class PinLedger
{
    private readonly ConcurrentDictionary<string, AccountFlow> _accounts = new(StringComparer.Ordinal);

    public AccountFlow? Find(string account) => _accounts.TryGetValue(account, out var flow) ? flow : null;

    public AccountFlow For(string account) => _accounts.GetOrAdd(account, static _ => new AccountFlow());

    public void Clear() => _accounts.Clear();
}
