using TwoFactorContracts.Contract;
using System.Collections.Concurrent;

namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>
/// Keeps a run safe on a real deployment (the API has no delete): at most a handful of applications,
/// each named <c>tfc-conformance-&lt;runId&gt;-…</c>, and a count of every create the target acknowledged.
/// </summary>
public sealed class CreateBudget(string runId, int maxCreates)
{
    public const string Prefix = "tfc-conformance-";
    private readonly ConcurrentQueue<string> _created = new();
    private int _planned;

    public string RunId { get; } = runId;

    public int Max { get; } = maxCreates;

    /// <summary>Applications the target said it created (2xx to a create), including ones it should have refused.</summary>
    public IReadOnlyCollection<string> Created => _created;

    public string NameFor(string purpose) => $"{Prefix}{RunId}-{purpose}";

    /// <summary>Reserves one intentional create; false once the run has used its budget.</summary>
    public bool TryReserve() => Interlocked.Increment(ref _planned) <= Max;

    public void Observe(Exchange exchange, ContractOperation operation, string? sentName)
    {
        if (operation.Role() == OperationRole.Create && exchange.Status is >= 200 and < 300)
            _created.Enqueue(sentName ?? "(no name)");
    }
}
