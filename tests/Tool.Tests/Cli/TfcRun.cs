namespace TwoFactorContracts.Tool.Tests.Cli;

/// <summary>Runs <c>tfc</c> in-process and captures what it prints.</summary>
public sealed record TfcRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<TfcRun> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await Tfc.RunAsync(args, stdout, stderr);
        return new TfcRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Every option a --help text names (words starting with --).</summary>
    public static IReadOnlySet<string> OptionsIn(string help) =>
        System.Text.RegularExpressions.Regex.Matches(help, @"(?<![\w-])--[a-z][a-z0-9-]*").Select(m => m.Value).ToHashSet();
}
