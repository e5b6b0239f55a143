using System.Collections.Concurrent;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Reports;

/// <summary>The results of a run, by section, as the tests record them (thread-safe; tests may run in parallel).</summary>
public sealed class ConformanceReport
{
    public const string Documented = "Documented cases";
    public const string ExactExamples = "Documented cases, exact examples (examples-mode mock)";
    public const string Negative = "Negative cases derived from the request schema";
    public const string Lifecycle = "Lifecycle and cross-checks";

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, CaseResult>> _sections = new();

    public void Add(string section, CaseResult result) =>
        _sections.GetOrAdd(section, _ => new())[result.Id] = result;

    public IReadOnlyDictionary<string, CaseResult> Section(string section) =>
        _sections.TryGetValue(section, out var results) ? results : new Dictionary<string, CaseResult>();
}
