using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Planning;

/// <summary>
/// Every request of a run passes here: it goes out only while its operation's budget has room (else the gate waits
/// with a countdown, or with --no-wait refuses it), and a 429 is never a verdict: the gate backs off (Retry-After, else
/// until the window frees) and retries once. Clock and delay are injected, so tests never sleep.
/// </summary>
public sealed class RequestGate
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan NoBudgetBackoff = TimeSpan.FromSeconds(10);
    private readonly IReadOnlyDictionary<string, SlidingWindow> _windows;
    private readonly TimeProvider _clock;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly Dictionary<string, int> _sent = [];
    private readonly Dictionary<string, int> _peak = [];
    private int _throttled;

    /// <summary>Waits on the gate's clock (a scenario letting real time pass, e.g. a PIN's time to live), with the wait shown.</summary>
    public async Task WaitAsync(TimeSpan span, string why, CancellationToken cancel)
    {
        Progress.Note($"waiting {span.TotalSeconds:0.#} s: {why}");
        await _delay(span, cancel);
    }

    public RequestGate(IReadOnlyDictionary<string, Throttling> budgets, bool noWait, IRunProgress? progress = null,
        TimeProvider? clock = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        Budgets = budgets;
        NoWait = noWait;
        Progress = progress ?? IRunProgress.Silent;
        _clock = clock ?? TimeProvider.System;
        _delay = delay ?? ((span, cancel) => Task.Delay(span, _clock, cancel));
        _windows = budgets.ToDictionary(b => b.Key, b => new SlidingWindow(b.Value.Requests, b.Value.Window));
    }

    /// <summary>No budgets, no waiting: what a run against our unthrottled mock uses.</summary>
    public static RequestGate Open() => new(new Dictionary<string, Throttling>(), noWait: false);

    public IReadOnlyDictionary<string, Throttling> Budgets { get; }

    public bool NoWait { get; }

    public IRunProgress Progress { get; set; }

    /// <summary>429 answers the target gave (each backed off and retried once).</summary>
    public int Throttled => _throttled;

    /// <summary>Requests sent per operationId.</summary>
    public IReadOnlyDictionary<string, int> Sent => _sent;

    /// <summary>The most requests of an operation the run ever had in one window (never above its budget).</summary>
    public IReadOnlyDictionary<string, int> Peak => _peak;

    /// <summary>Sends through the budget; a 429 backs off and retries once; throws <see cref="BudgetSpentException"/> when it may not send.</summary>
    /// <param name="asked429">The request asked for a documented 429 (Prefer): its 429 is the answer, not throttling.</param>
    public async Task<Exchange> SendAsync(ContractOperation operation, Func<Task<Exchange>> send, CancellationToken cancel = default, bool asked429 = false)
    {
        var exchange = await SendWithinBudgetAsync(operation, send, cancel);
        if (exchange.Status != 429 || asked429) return exchange;
        Interlocked.Increment(ref _throttled);
        if (NoWait) throw new BudgetSpentException($"{operation.OperationId} answered 429 and --no-wait is set");
        var backoff = exchange.RetryAfter ?? UntilWindowFrees(operation);
        await WaitAsync($"{operation.OperationId} answered 429 Too Many Requests; backing off ({(exchange.RetryAfter is null ? "until the window frees" : "Retry-After")})", backoff, cancel);
        exchange = await SendWithinBudgetAsync(operation, send, cancel);
        if (exchange.Status != 429) return exchange;
        Interlocked.Increment(ref _throttled);
        throw new BudgetSpentException($"{operation.OperationId} answered 429 again after backing off");
    }

    private async Task<Exchange> SendWithinBudgetAsync(ContractOperation operation, Func<Task<Exchange>> send, CancellationToken cancel)
    {
        if (!_windows.TryGetValue(operation.OperationId, out var window))
        {
            Count(operation.OperationId, null);
            return await send();
        }
        LinkedListNode<DateTimeOffset?> sent;
        while (true)
        {
            await _one.WaitAsync(cancel);
            try
            {
                var wait = window.UntilFree(_clock.GetUtcNow());
                if (wait == TimeSpan.Zero)
                {
                    sent = window.Send();
                    Count(operation.OperationId, window);
                    break;
                }
                if (NoWait)
                    throw new BudgetSpentException($"{operation.OperationId} has used its {BudgetText.Format(Budgets[operation.OperationId])} and --no-wait is set");
            }
            finally { _one.Release(); }
            await WaitAsync($"{operation.OperationId} budget {BudgetText.Format(Budgets[operation.OperationId])} is used up", window.UntilFree(_clock.GetUtcNow()), cancel);
        }
        try { return await send(); }
        finally
        {
            await _one.WaitAsync(CancellationToken.None);
            try { window.Answered(sent, _clock.GetUtcNow()); }
            finally { _one.Release(); }
        }
    }

    private TimeSpan UntilWindowFrees(ContractOperation operation)
    {
        if (!_windows.TryGetValue(operation.OperationId, out var window)) return NoBudgetBackoff;
        // The target counted more than we did (others share the account): wait a whole window from now.
        return window.Window;
    }

    /// <summary>Waits with a countdown the progress shows (ticks of one second).</summary>
    private async Task WaitAsync(string reason, TimeSpan total, CancellationToken cancel)
    {
        var end = _clock.GetUtcNow() + total;
        for (var left = total; left > TimeSpan.Zero; left = end - _clock.GetUtcNow())
        {
            Progress.Waiting(reason, left);
            await _delay(left < Tick ? left : Tick, cancel);
        }
    }

    private void Count(string operationId, SlidingWindow? window)
    {
        lock (_sent)
        {
            _sent[operationId] = _sent.GetValueOrDefault(operationId) + 1;
            if (window is not null)
                _peak[operationId] = Math.Max(_peak.GetValueOrDefault(operationId), window.InWindow(_clock.GetUtcNow()));
        }
    }
}
