namespace TwoFactorContracts.Testing;

/// <summary>
/// What <see cref="TwoFactorMockProcess"/> runs: the program, its arguments and environment, and how long it may
/// take to start. The defaults run <c>./run-mock.sh</c> of the source checkout above the test assembly; with
/// the installed tool: <c>new TwoFactorMockProcessOptions { FileName = "tfc", Arguments = ["mock", "--seed", "empty"] }</c>.
/// </summary>
public sealed class TwoFactorMockProcessOptions
{
    /// <summary>
    /// The program that runs the mock and passes its arguments on (the mock's own command line). Null:
    /// <c>run-mock.sh</c> of the TwoFactorContracts source checkout above the test assembly
    /// (<see cref="TwoFactorMockProcess.RepositoryRoot"/>), which publishes the mock first when a source changed.
    /// </summary>
    public string? FileName { get; set; }

    /// <summary>
    /// The arguments, in order (e.g. <c>["--verbose", "--seed", "empty"]</c>, or <c>["mock", ...]</c> for <c>tfc</c>).
    /// When they name no <c>--port</c>, <c>--port 0</c> is added so the mock takes a free port. Not <c>--quiet</c>:
    /// readiness is read from what the mock prints.
    /// </summary>
    public IList<string> Arguments { get; set; } = [];

    /// <summary>Variables to set for the process (e.g. <c>MOCK_STORE</c>); a null value removes an inherited one.</summary>
    public IDictionary<string, string?> Environment { get; } = new Dictionary<string, string?>();

    /// <summary>The process's working directory; null: this process's current directory.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Called with every line the process prints (stdout and stderr), also those before it listens.</summary>
    public Action<string>? OnLine { get; set; }

    /// <summary>
    /// How long the mock may take to listen (or, for <see cref="TwoFactorMockProcess.RunToEndAsync(TwoFactorMockProcessOptions)"/>,
    /// to exit). Generous by default: a first <c>run-mock.sh</c> publishes the mock (about 30 s idle, minutes on a busy machine).
    /// </summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(6);
}
