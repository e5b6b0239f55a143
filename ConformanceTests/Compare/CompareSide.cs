using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Planning;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Compare;

/// <summary>
/// One of the two targets of a comparison: its own runner (client, credentials, request budgets, application chain,
/// PIN flow), so every case it sends uses the ids this target issued, and every exchange its runner judges, kept by
/// case id through the runner's <see cref="ConformanceRunner.Judged"/> seam.
/// </summary>
public sealed class CompareSide : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<Judged>> _judged = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<CaseResult>> _results = new(StringComparer.Ordinal);

    /// <summary>One exchange as the runner judged it: what the checks read, and their verdicts.</summary>
    public sealed record Judged(CheckContext Context, CaseResult Result);

    public CompareSide(string label, ConformanceRunner runner, IRunProgress progress)
    {
        Label = label;
        Runner = runner;
        Run = new ConformanceRun(runner, progress);
        runner.Judged = (id, context, result) =>
        {
            lock (_lock)
            {
                if (!_judged.TryGetValue(id, out var list)) _judged[id] = list = [];
                list.Add(new Judged(context, result));
            }
        };
    }

    /// <summary>"a" or "b".</summary>
    public string Label { get; }

    public ConformanceRunner Runner { get; }

    public ConformanceRun Run { get; }

    /// <summary>The run's plan, each item wrapped so its results are kept in the order it gave them.</summary>
    public IReadOnlyList<ConformanceRun.Item> Plan(string? only) =>
        Run.Plan(only).Select(item => item with
        {
            Run = async cancel =>
            {
                var results = await item.Run(cancel);
                lock (_lock) _results[item.Id] = results;
                return results;
            },
        }).ToList();

    /// <summary>The exchanges judged under a case id, in the order they were sent.</summary>
    public IReadOnlyList<Judged> Exchanges(string caseId)
    {
        lock (_lock) return _judged.TryGetValue(caseId, out var list) ? [.. list] : [];
    }

    /// <summary>What a plan item gave (one result, or one per scenario step); null when it did not run to its end.</summary>
    public IReadOnlyList<CaseResult>? Results(string itemId)
    {
        lock (_lock) return _results.GetValueOrDefault(itemId);
    }

    public void Dispose()
    {
        Run.Dispose();
        Runner.Dispose();
    }
}
