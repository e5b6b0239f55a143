using System.Text.RegularExpressions;
using TwoFactorContracts.Tool.Tests.Cli;

namespace TwoFactorContracts.Tool.Tests.Docs;

/// <summary>
/// Finds `tfc ...` commands in shell text (README code blocks, CI recipes) and checks each against tfc itself:
/// the command exists and every --option it uses is one its --help lists.
/// </summary>
public static partial class TfcInvocations
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The arguments after each `tfc` (or `…/tfc`) in <paramref name="shell"/>, up to the next shell operator.</summary>
    public static IEnumerable<string[]> In(string shell)
    {
        foreach (var line in shell.Replace("\\\n", " ").Split('\n'))
        {
            var tokens = Token().Matches(line).Select(m => m.Value.Trim('"', '\'')).ToList();
            for (var i = 0; i < tokens.Count; i++)
            {
                if (tokens[i] is not "tfc" && !tokens[i].EndsWith("/tfc", StringComparison.Ordinal)) continue;
                yield return [.. tokens.Skip(i + 1).TakeWhile(t => !IsShellOperator(t))];
            }
        }
    }

    /// <summary>What is wrong with one invocation; empty when tfc knows the command and each option.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(string[] args)
    {
        if (args.Length == 0) return ["`tfc` without a command"];
        if (args[0] is "--help" or "--version") return [];
        if (Tfc.Commands.All(c => c.Name != args[0])) return [$"`tfc {args[0]}`: no such command"];
        var help = await TfcRun.RunAsync(args[0], "--help");
        var known = TfcRun.OptionsIn(help.Stdout);
        return [.. args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal))
            .Select(a => a.Split('=')[0])
            .Where(option => !known.Contains(option))
            .Select(option => $"`tfc {args[0]}` has no option {option}")];
    }

    private static bool IsShellOperator(string token) =>
        token is "&&" or "||" or "|" or ";" or "&" || token.StartsWith('>') || token.StartsWith("2>", StringComparison.Ordinal) || token.StartsWith('#');

    [GeneratedRegex("\"[^\"]*\"|'[^']*'|[^\\s]+")]
    private static partial Regex Token();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TwoFactorContracts.sln"))) return dir.FullName;
        throw new InvalidOperationException("no TwoFactorContracts.sln above " + AppContext.BaseDirectory);
    }
}
