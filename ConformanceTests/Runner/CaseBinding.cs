using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;

namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>
/// What the run fills into a documented case before <see cref="ConformanceRunner"/> sends it: the ids it addresses,
/// the body values, and what the answer must carry. The application operations take theirs from the application
/// chain (<see cref="ApplicationCases"/>), the PIN flow's from the flow's state and PIN source (<see cref="Flow.FlowCases"/>).
/// </summary>
public interface ICaseBinding
{
    /// <summary>Why the case is judged elsewhere and not sent on its own (checked before anything else), or null.</summary>
    string? JudgedElsewhere(ContractCase c);

    Task<CaseBinding> BindAsync(ContractCase c, CancellationToken cancel);
}

/// <summary>A case bound to this run's values, or the result that stands instead of sending it.</summary>
public abstract record CaseBinding;

/// <summary>
/// The case as sent: its path with the ids and query filled in, its body, and the expectation of its answer.
/// <paramref name="SentName"/> is the application name it sends (counted when a create answers).
/// </summary>
public sealed record BoundCase(string Path, string? Body, Expectation Expected, string? SentName = null) : CaseBinding;

/// <summary>The case is not sent: not run for a reason, or its setup failed.</summary>
public sealed record UnsentCase(CaseResult Result) : CaseBinding;
