using System.Collections.Concurrent;
using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Throttling;

/// <summary>
/// The throttling stage: each account may send each operation at most its budget's count within any window
/// of the budget's length (a sliding window: the exact log of admitted requests, not fixed buckets). It runs
/// right after the credentials stage, so every request with valid credentials counts, whatever it asks for.
/// A refused request is answered 429 and takes no budget: a client that waits its window out gets through.
/// </summary>
public sealed class RequestThrottle
{
    private readonly TimeProvider _clock;
    private readonly int _maxAccounts;
    private readonly Budget?[] _budgets;
    private readonly ConcurrentDictionary<string, SlidingWindow?[]> _accounts = new(StringComparer.Ordinal);

    /// <param name="budgets">Per operation (indexed by <see cref="Operation"/>): requests and window, or null for no limit.</param>
    /// <param name="maxAccounts">Most accounts tracked (as the store's --max-accounts); a new one beyond it is refused until a reset.</param>
    public RequestThrottle(IReadOnlyDictionary<Operation, TwoFactorContracts.Contract.Throttling?> budgets, TimeProvider clock, int maxAccounts, StageError tooManyRequests, bool sendRetryAfter)
    {
        _clock = clock;
        _maxAccounts = maxAccounts;
        Error = tooManyRequests;
        SendsRetryAfter = sendRetryAfter;
        _budgets = new Budget?[Operation.Count];
        foreach (var (operation, budget) in budgets)
            if (budget is not null)
                _budgets[operation.Index] = new Budget(budget.Requests, Math.Max(1, (long)(budget.Window.TotalSeconds * clock.TimestampFrequency)));
    }

    /// <summary>The answer to a refused request (TOO_MANY_REQUESTS, as the contract documents it).</summary>
    public StageError Error { get; }

    /// <summary>Whether a refusal says when to retry (the seed flavour) or not (today's API sends no Retry-After).</summary>
    public bool SendsRetryAfter { get; }

    /// <summary>
    /// Admits the request (and counts it) or refuses it. On refusal <paramref name="retryAfter"/> is the
    /// Retry-After header to send, when the flavour sends one: the seconds until the oldest counted request
    /// leaves the window, rounded up, so a client that waits that long gets through.
    /// </summary>
    public bool TryAdmit(string account, Operation operation, out KeyValuePair<string, string>? retryAfter)
    {
        retryAfter = null;
        var budget = operation.Index < _budgets.Length ? _budgets[operation.Index] : null;
        if (budget is null) return true;
        if (!_accounts.TryGetValue(account, out var windows))
        {
            if (_accounts.Count >= _maxAccounts) return false; // bounded memory, like the store's account limit
            windows = _accounts.GetOrAdd(account, _ => new SlidingWindow?[_budgets.Length]);
        }
        var window = windows[operation.Index];
        if (window is null)
        {
            Interlocked.CompareExchange(ref windows[operation.Index], new SlidingWindow(), null);
            window = windows[operation.Index]!;
        }
        var now = _clock.GetTimestamp();
        if (window.TryAdmit(now, budget, out var freeAt)) return true;
        if (SendsRetryAfter) retryAfter = RetryAfter(_clock.GetElapsedTime(now, freeAt));
        return false;
    }

    private static KeyValuePair<string, string> RetryAfter(TimeSpan wait) =>
        new("Retry-After", Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Forgets every count (POST /__admin/reset).</summary>
    public void Reset() => _accounts.Clear();

    private sealed record Budget(int Requests, long WindowTicks);

    /// <summary>The timestamps of the admitted requests still inside the window, oldest first.</summary>
    private sealed class SlidingWindow
    {
        private readonly Queue<long> _admitted = new();

        public bool TryAdmit(long now, Budget budget, out long freeAt)
        {
            lock (_admitted)
            {
                while (_admitted.Count > 0 && now - _admitted.Peek() >= budget.WindowTicks) _admitted.Dequeue();
                if (_admitted.Count < budget.Requests)
                {
                    _admitted.Enqueue(now);
                    freeAt = 0;
                    return true;
                }
                freeAt = _admitted.Peek() + budget.WindowTicks;
                return false;
            }
        }
    }
}
