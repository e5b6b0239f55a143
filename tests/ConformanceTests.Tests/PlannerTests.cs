using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Planning;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>
/// A clock the test moves: the gate's delays advance it instead of sleeping. Timestamps follow it too, so a mock
/// given the same clock (MockServerOptions.Clock) counts its throttling window on the same time.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public void Advance(TimeSpan by)
    {
        lock (_gate) _now += by;
    }

    public Task Delay(TimeSpan span, CancellationToken cancel)
    {
        Advance(span);
        return Task.CompletedTask;
    }
}

/// <summary>The request gate: never beyond a budget, waits visibly, --no-wait refuses, a 429 is backed off and retried once.</summary>
public class PlannerTests
{
    private static readonly ContractDocument Contract = ContractDocument.Load();
    private static readonly ContractOperation Create = Contract.Operation("createApplication");
    private static readonly ContractOperation List = Contract.Operation("listApplications");

    private sealed class RecordingProgress : IRunProgress
    {
        public List<(string Reason, TimeSpan Remaining)> Waits { get; } = [];

        public void Case(int number, int total, string id) { }

        public void Waiting(string reason, TimeSpan remaining) => Waits.Add((reason, remaining));

        public void Note(string line) { }
    }

    private static Exchange Answer(int status, TimeSpan? retryAfter = null) =>
        new(new PlannedRequest("POST", "/2fa/2/applications", BodyFormat.Json), status, "application/json", "{}", null, TimeSpan.Zero) { RetryAfter = retryAfter };

    [Theory]
    [InlineData(5, 10, 23, 0)]
    [InlineData(3, 2, 17, 700)]
    [InlineData(20, 600, 61, 1500)]
    public async Task The_gate_never_has_more_requests_in_any_window_than_the_budget(int requests, int windowSeconds, int sends, int answerMs)
    {
        var clock = new ManualClock();
        var window = TimeSpan.FromSeconds(windowSeconds);
        var progress = new RecordingProgress();
        var gate = new RequestGate(new Dictionary<string, Throttling> { [Create.OperationId] = new(requests, window) }, noWait: false, progress, clock, clock.Delay);
        var arrivals = new List<DateTimeOffset>();
        for (var i = 0; i < sends; i++)
            await gate.SendAsync(Create, () =>
            {
                // The target counts a request somewhere between sending and answering: take the answer's moment.
                clock.Advance(TimeSpan.FromMilliseconds(answerMs));
                arrivals.Add(clock.GetUtcNow());
                return Task.FromResult(Answer(200));
            });

        arrivals.Count.ShouldBe(sends);
        foreach (var t in arrivals)
            arrivals.Count(a => a > t - window && a <= t).ShouldBeLessThanOrEqualTo(requests, $"window ending {t:HH:mm:ss.fff}");
        gate.Peak[Create.OperationId].ShouldBeLessThanOrEqualTo(requests);
        // It did have to wait, visibly: full windows passed and each wait was announced with its reason.
        (arrivals[^1] - arrivals[0]).ShouldBeGreaterThanOrEqualTo(window * ((sends - 1) / requests));
        progress.Waits.ShouldNotBeEmpty();
        progress.Waits.ShouldAllBe(w => w.Reason.Contains("createApplication budget"));
    }

    [Fact]
    public async Task Operations_have_their_own_budgets_and_an_operation_without_one_is_not_held()
    {
        var clock = new ManualClock();
        var gate = new RequestGate(new Dictionary<string, Throttling> { [Create.OperationId] = new(1, TimeSpan.FromMinutes(10)) }, noWait: true, null, clock, clock.Delay);
        await gate.SendAsync(Create, () => Task.FromResult(Answer(200)));
        for (var i = 0; i < 5; i++) await gate.SendAsync(List, () => Task.FromResult(Answer(200)));
        gate.Sent[List.OperationId].ShouldBe(5);
        clock.GetUtcNow().ShouldBe(new ManualClock().GetUtcNow(), "nothing waited");
    }

    [Fact]
    public async Task With_no_wait_a_spent_budget_refuses_the_request_without_sending_it()
    {
        var clock = new ManualClock();
        var gate = new RequestGate(new Dictionary<string, Throttling> { [Create.OperationId] = new(2, TimeSpan.FromMinutes(10)) }, noWait: true, null, clock, clock.Delay);
        var sent = 0;
        Task<Exchange> Send() { sent++; return Task.FromResult(Answer(200)); }
        await gate.SendAsync(Create, Send);
        await gate.SendAsync(Create, Send);

        var refused = await Should.ThrowAsync<BudgetSpentException>(() => gate.SendAsync(Create, Send));

        sent.ShouldBe(2);
        refused.NotRunReason.ShouldStartWith("not run: budget");
        refused.Message.ShouldContain("2/10m");
    }

    [Fact]
    public async Task A_429_is_backed_off_for_its_retry_after_and_retried_once()
    {
        var clock = new ManualClock();
        var start = clock.GetUtcNow();
        var gate = new RequestGate(new Dictionary<string, Throttling>(), noWait: false, null, clock, clock.Delay);
        var answers = new Queue<Exchange>([Answer(429, TimeSpan.FromSeconds(7)), Answer(200)]);

        var exchange = await gate.SendAsync(Create, () => Task.FromResult(answers.Dequeue()));

        exchange.Status.ShouldBe(200);
        gate.Throttled.ShouldBe(1);
        (clock.GetUtcNow() - start).ShouldBe(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task A_429_without_retry_after_waits_a_whole_window_and_a_second_429_is_not_run_never_failed()
    {
        var clock = new ManualClock();
        var start = clock.GetUtcNow();
        var gate = new RequestGate(new Dictionary<string, Throttling> { [Create.OperationId] = new(20, TimeSpan.FromSeconds(30)) }, noWait: false, null, clock, clock.Delay);

        var refused = await Should.ThrowAsync<BudgetSpentException>(() => gate.SendAsync(Create, () => Task.FromResult(Answer(429))));

        refused.Message.ShouldContain("429 again");
        gate.Throttled.ShouldBe(2);
        (clock.GetUtcNow() - start).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_429_the_request_asked_for_is_the_answer_not_throttling()
    {
        var gate = RequestGate.Open();
        var exchange = await gate.SendAsync(Create, () => Task.FromResult(Answer(429)), asked429: true);
        exchange.Status.ShouldBe(429);
        gate.Throttled.ShouldBe(0);
    }
}
