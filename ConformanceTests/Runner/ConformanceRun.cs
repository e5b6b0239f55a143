using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Planning;
using TwoFactorContracts.ConformanceTests.Reports;

namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>
/// A whole run against one target, as the command makes it: documented cases, lifecycle scenarios and negative
/// cases (optionally narrowed by a case glob), ordered so the applications that chained cases address are created
/// first and the cases a spent budget cuts are the least telling ones (negative cases last).
/// </summary>
public sealed class ConformanceRun(ConformanceRunner runner, IRunProgress progress) : IDisposable
{
    private Flow.FlowLifecycle? _flow;

    /// <summary>A case of the run: its id, its section, and how to run it (one result or, for a scenario, several).</summary>
    public sealed record Item(string Id, string Section, Func<CancellationToken, Task<IReadOnlyList<CaseResult>>> Run);

    /// <summary>The run's cases in the order they are sent, narrowed to those matching <paramref name="only"/>.</summary>
    public IReadOnlyList<Item> Plan(string? only = null)
    {
        var lifecycle = new Lifecycle(runner);
        var documented = runner.Contract.Cases
            .Select(c => new Item(c.Id, ConformanceReport.Documented, async cancel => [await runner.RunAsync(c, cancel)]));
        var negative = NegativeCases.For(runner.Contract)
            .Select(n => new Item(n.Id, ConformanceReport.Negative, async cancel => [await runner.RunAsync(n, cancel)]));
        var scenarios = lifecycle.Scenarios.Select(s => new Item(s.Id, ConformanceReport.Lifecycle, s.Run)).ToList();
        // The PIN flow's scenarios and documented cases share one application (the journey's), so one lifecycle
        // object serves the run; the scenario that disables it comes last.
        _flow ??= new Flow.FlowLifecycle(runner);
        var flowCases = new Flow.FlowCases(runner, _flow);
        var flow = _flow.Scenarios.Select(s => new Item(s.Id, ConformanceReport.Lifecycle, s.Run)).ToList();
        var flowDocumented = Flow.FlowCases.All(runner.Contract)
            .Select(c => new Item(c.Id, ConformanceReport.Documented, async cancel => [await flowCases.RunAsync(c, cancel)]));
        var disabling = flow.Where(i => i.Id == Flow.FlowLifecycle.Disabled).ToList();
        // The create-read-update scenario's create right after the chain's; the requests without a create after.
        IEnumerable<Item> ordered = [scenarios[0], .. documented, .. scenarios.Skip(1), .. flow.Except(disabling), .. flowDocumented, .. disabling, .. negative];
        return ordered.Where(i => only is null || CaseGlob.Matches(only, i.Id)).ToList();
    }

    /// <summary>
    /// Sends one list request first: a target that cannot be reached, or refuses the credentials, cannot be judged.
    /// Returns why the run cannot go on, or null. Any other answer, whatever its shape (a broken body, a 5xx, a
    /// redirect), goes on to the run, whose cases judge it.
    /// </summary>
    public async Task<string?> PreflightAsync(CancellationToken cancel = default)
    {
        var list = runner.Contract.Operation(OperationRole.List);
        Exchange exchange;
        try { exchange = await runner.SendAsync(list, new PlannedRequest("GET", list.PathTemplate, BodyFormat.Json), null, cancel); }
        catch (BudgetSpentException e) { return $"the first request could not be sent: {e.Message}"; }
        catch (Exception e) when (!CaseGuard.IsStop(e, cancel))
        {
            progress.Note($"  the first request could not be judged ({e.GetType().Name}: {runner.Mask.Apply(e.Message)}); the run goes on");
            return null;
        }
        // No status line at all: nothing answered. A status with a broken body (cut off, too large) is an answer.
        if (exchange.Status is null)
            return $"cannot reach {runner.Target.BaseUrl}: {exchange.TransportError}";
        if (exchange.Status is 401 or 403)
            return $"{runner.Target.BaseUrl} refused the credentials: GET {list.PathTemplate} answered {exchange.Status} ({Excerpt(exchange.Body)})";
        return null;
    }

    /// <summary>A run stopped before its end: why (cancelled, the deadline), and how many of the plan's cases ran.</summary>
    public sealed record StopFacts(string Why, int Ran, int Planned)
    {
        public override string ToString() => $"stopped after {Ran} of {Planned} cases ({Why})";
    }

    /// <summary>Set when <see cref="RunAsync"/> was stopped through its token; null when the run went to its end.</summary>
    public StopFacts? Stopped { get; private set; }

    /// <summary>
    /// Runs the plan. No answer ends the run: an exception in one case fails that case and the run goes on. Only
    /// <paramref name="cancel"/> stops it: the case under way and the rest are "not run: the run was stopped (why)",
    /// <see cref="Stopped"/> says so, and the report holds what ran.
    /// </summary>
    /// <param name="whyStopped">Why the token was cancelled, for the reports (default "cancelled").</param>
    public async Task<ConformanceReport> RunAsync(IReadOnlyList<Item> plan, CancellationToken cancel = default, Func<string>? whyStopped = null)
    {
        var report = new ConformanceReport();
        // Creates first: the applications the get, update and negative cases address.
        if (plan.Any(i => i.Section != ConformanceReport.Lifecycle) && !runner.ReadOnly && !runner.Target.AnswersExamplesVerbatim
            && !cancel.IsCancellationRequested)
        {
            progress.Note("creating the applications the chained cases address");
            await runner.Chain.ForReadingAsync(cancel).ContinueWith(_ => { }, TaskScheduler.Default);
            if (!cancel.IsCancellationRequested) await runner.Chain.ForUpdatingAsync(cancel).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        var ran = 0;
        for (; ran < plan.Count && !cancel.IsCancellationRequested; ran++)
        {
            var item = plan[ran];
            progress.Case(ran + 1, plan.Count, item.Id);
            IReadOnlyList<CaseResult> results;
            try { results = await item.Run(cancel); }
            catch (Exception e) when (CaseGuard.IsStop(e, cancel)) { break; }
            catch (Exception e)
            {
                // The last line of defence: whatever one case throws fails that case, and the run goes on.
                results = [CaseGuard.Failed(item.Id, "(not judged)", e, runner.Mask)];
            }
            foreach (var result in results)
            {
                report.Add(item.Section, result);
                progress.Note($"  {result.Id}: {Verdict(result)}");
            }
        }
        if (ran < plan.Count)
        {
            Stopped = new StopFacts(whyStopped?.Invoke() ?? "cancelled", ran, plan.Count);
            foreach (var item in plan.Skip(ran))
                report.Add(item.Section, new CaseResult(item.Id, "(not sent)", [], $"{StoppedPrefix}{Stopped.Why})"));
            progress.Note($"  the run was {Stopped}: the rest are not run");
        }
        return report;
    }

    /// <summary>How the skip reason of a case a stopped run did not reach begins.</summary>
    public const string StoppedPrefix = "not run: the run was stopped (";

    private static string Verdict(CaseResult r) =>
        r.Skipped ? r.SkipReason!
        : !r.Passed ? "FAILED: " + string.Join("; ", r.Failures.Select(f => $"{f.Check}: {f.Reason}"))
        : r.Verdicts.Any(v => v.Outcome == Checks.Outcome.Accepted)
            ? "passed, accepted " + string.Join(", ", r.Verdicts.Where(v => v.Deviation is not null).Select(v => v.Deviation).Distinct())
            : "passed";

    private static string Excerpt(string body) => body.Length <= 160 ? body.ReplaceLineEndings(" ") : body[..160].ReplaceLineEndings(" ") + "…";

    public void Dispose() => _flow?.Dispose();
}
