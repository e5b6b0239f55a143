namespace TwoFactorContracts.Tool;

/// <summary>Runs one command with its own arguments; returns the exit code.</summary>
public delegate Task<int> CommandEntry(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancel);

/// <summary>One <c>tfc</c> subcommand: its name, one line for <c>tfc --help</c>, and its entry point.</summary>
/// <param name="Name">What the user types after <c>tfc</c>.</param>
/// <param name="Summary">One line for <c>tfc --help</c>.</param>
/// <param name="Usage">The argument synopsis after the name, e.g. "OLD NEW [options]".</param>
/// <param name="Run">The command; it handles its own <c>--help</c>, options and exit codes.</param>
public sealed record ToolCommand(string Name, string Summary, string Usage, CommandEntry Run);
