using System.Text.RegularExpressions;

namespace TwoFactorContracts.Tool.Tests.Docs;

/// <summary>The README's tfc section: one install command, an example per subcommand, each valid against --help.</summary>
public sealed partial class ReadmeExampleTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(TfcInvocations.RepositoryRoot, "README.md"));

    private static IEnumerable<string[]> ReadmeInvocations() =>
        CodeBlock().Matches(Readme).SelectMany(m => TfcInvocations.In(m.Groups[1].Value));

    [Fact]
    public void Installing_the_tool_is_one_command()
    {
        CodeBlock().Matches(Readme).Select(m => m.Groups[1].Value).SelectMany(b => b.Split('\n'))
            .ShouldContain(line => line.StartsWith("dotnet tool install --global TwoFactorContracts.Tool", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_subcommand_has_an_example()
    {
        var used = ReadmeInvocations().Select(a => a.FirstOrDefault()).ToHashSet();
        foreach (var command in Tfc.Commands) used.ShouldContain(command.Name);
    }

    [Fact]
    public async Task Every_example_is_valid_against_help()
    {
        var problems = new List<string>();
        foreach (var args in ReadmeInvocations()) problems.AddRange(await TfcInvocations.ProblemsAsync(args));
        problems.ShouldBeEmpty();
    }

    [GeneratedRegex("```(?:sh|bash|shell)?\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
