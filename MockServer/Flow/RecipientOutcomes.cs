using System.Collections.Concurrent;

namespace TwoFactorContracts.MockServer.Flow;

/// <summary>
/// What a send to one recipient answers instead of a delivered message: the number lookup's <c>ncStatus</c> with the
/// <c>smsStatus</c> it leads to (both or neither), and a call's <c>callStatus</c>; null leaves that channel as usual.
/// </summary>
public sealed record SendOutcome(string? NcStatus, string? SmsStatus, string? CallStatus);

/// <summary>
/// The outcomes the contract documents (the statuses of its send examples, <c>ContractSendOutcomes</c>): which
/// <c>(ncStatus, smsStatus)</c> pairs an SMS send after a lookup may answer, the first the happy one, and which
/// <c>callStatus</c> values a call may; <see cref="Read"/> turns what a user asks for into one of them, or says why not.
/// </summary>
public sealed class DocumentedOutcomes
{
    private readonly IReadOnlyList<(string Nc, string Sms)> _pairs;
    private readonly IReadOnlyList<string> _calls;

    /// <param name="pairs">Each documented (ncStatus, smsStatus) after a lookup, in document order; the first is the delivered one.</param>
    public DocumentedOutcomes(IReadOnlyList<(string Nc, string Sms)> pairs, IReadOnlyList<string> calls)
    {
        _pairs = pairs.Count > 0 ? pairs : [(PinSent.NcReachable, PinSent.SmsSent)];
        _calls = calls.Count > 0 ? calls : [PinSent.CallAccepted];
    }

    /// <summary>Every documented ncStatus, in document order (the first is the delivered one's).</summary>
    public IReadOnlyList<string> NcStatuses => [.. _pairs.Select(p => p.Nc).Distinct()];

    /// <summary>Every documented smsStatus, in document order.</summary>
    public IReadOnlyList<string> SmsStatuses => [.. _pairs.Select(p => p.Sms).Distinct()];

    /// <summary>Every documented callStatus, in document order.</summary>
    public IReadOnlyList<string> CallStatuses => _calls;

    /// <summary>Only the happy outcomes (a flow with no contract behind it, as in unit tests of the engine).</summary>
    public static DocumentedOutcomes HappyOnly { get; } = new([], []);

    /// <summary>
    /// The outcome <paramref name="nc"/>, <paramref name="sms"/> and <paramref name="call"/> ask for (null: not asked),
    /// or a problem naming the documented values. Given one of ncStatus and smsStatus, the other is the one the
    /// contract documents with it (its first such example); given both, they must be documented together.
    /// </summary>
    public SendOutcome? Read(string? nc, string? sms, string? call, out string? problem)
    {
        problem = null;
        if (nc is null && sms is null && call is null)
            problem = "Give at least one of ncStatus, smsStatus and callStatus, e.g. {\"ncStatus\":\"" + Unhappy().Nc + "\"}.";
        else if (nc is not null && !_pairs.Any(p => p.Nc == nc))
            problem = $"ncStatus must be one of the values the contract documents: {string.Join(", ", NcStatuses)}.";
        else if (sms is not null && !_pairs.Any(p => p.Sms == sms))
            problem = $"smsStatus must be one of the values the contract documents: {string.Join(", ", SmsStatuses)}.";
        else if (call is not null && !_calls.Contains(call))
            problem = $"callStatus must be one of the values the contract documents: {string.Join(", ", _calls)}.";
        else if (nc is not null && sms is not null && !_pairs.Contains((nc, sms)))
            problem = $"ncStatus {nc} with smsStatus {sms} is not documented: after {nc} the SMS status is {_pairs.First(p => p.Nc == nc).Sms}.";
        if (problem is not null) return null;
        var pair = nc is null && sms is null ? ((string?)null, (string?)null) : _pairs.First(p => (nc is null || p.Nc == nc) && (sms is null || p.Sms == sms));
        return new SendOutcome(pair.Item1, pair.Item2, call);
    }

    private (string Nc, string Sms) Unhappy() => _pairs.FirstOrDefault(p => p.Sms != _pairs[0].Sms, _pairs[0]);
}

/// <summary>
/// Per-recipient send outcomes, keyed by the <c>to</c> string exactly as sent (a phone number, or any address a
/// channel takes): those set through the admin API, which win, over the reserved test numbers the contract publishes
/// (<c>info.x-test-recipients</c>). A reset clears the set ones; the reserved ones are the contract's and stay.
/// Like the fixed PINs they live in the replica's memory (never in the shared Redis state).
/// </summary>
public sealed class RecipientOutcomes
{
    /// <summary>Most recipients with an outcome set (bounds memory against an endless loop of PUTs).</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, SendOutcome> _set = new(StringComparer.Ordinal);
    private volatile Known _known;

    public RecipientOutcomes(DocumentedOutcomes? documented = null, IReadOnlyDictionary<string, SendOutcome>? reserved = null) =>
        _known = new Known(documented ?? DocumentedOutcomes.HappyOnly, reserved ?? new Dictionary<string, SendOutcome>());

    /// <summary>The values the contract documents, to check what the admin API is given.</summary>
    public DocumentedOutcomes Documented => _known.Documented;

    /// <summary>The reserved test numbers and their outcomes.</summary>
    public IReadOnlyDictionary<string, SendOutcome> Reserved => _known.Reserved;

    /// <summary>
    /// Takes the contract's documented values and reserved numbers: the host builds the engine before it has read the
    /// contract (reading it is the slow part of a start), and hands them over once it has.
    /// </summary>
    public void Learn(DocumentedOutcomes documented, IReadOnlyDictionary<string, SendOutcome> reserved) =>
        _known = new Known(documented, reserved);

    /// <summary>What a send to <paramref name="to"/> answers: the outcome set for it, else its reserved one, else null (delivered).</summary>
    public SendOutcome? For(string to) =>
        _set.TryGetValue(to, out var outcome) ? outcome : _known.Reserved.GetValueOrDefault(to);

    /// <summary>The outcome set for <paramref name="to"/> through the admin API, or null.</summary>
    public SendOutcome? SetFor(string to) => _set.GetValueOrDefault(to);

    /// <summary>Sets a recipient's outcome; false (nothing changed) when <see cref="Capacity"/> recipients have one already.</summary>
    public bool Set(string to, SendOutcome outcome)
    {
        if (_set.Count >= Capacity && !_set.ContainsKey(to)) return false;
        _set[to] = outcome;
        return true;
    }

    public bool Remove(string to) => _set.TryRemove(to, out _);

    /// <summary>The outcomes set through the admin API, ordered by recipient.</summary>
    public IReadOnlyList<KeyValuePair<string, SendOutcome>> Snapshot() => [.. _set.OrderBy(p => p.Key, StringComparer.Ordinal)];

    public void Clear() => _set.Clear();

    private sealed record Known(DocumentedOutcomes Documented, IReadOnlyDictionary<string, SendOutcome> Reserved);
}
