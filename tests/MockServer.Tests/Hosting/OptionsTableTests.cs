using System.Text.RegularExpressions;
using MockServer.Tests.Support;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.Testing;

namespace MockServer.Tests.Hosting;

/// <summary>
/// The documentation's options table and --help describe the same options and variables: --help is generated from
/// the one description of each option, and the table under "Options" in docs/mock.md
/// is checked against it, both ways.
/// </summary>
public sealed partial class OptionsTableTests
{
    [Fact]
    public void Every_option_in_help_is_in_the_options_table_and_every_option_in_the_table_is_in_help()
    {
        var help = CommandLine.Help();
        var helpOptions = HelpOptionLine().Matches(help).Select(m => m.Groups["option"].Value).Where(o => o != "--help").ToHashSet();
        var helpVariables = HelpOptionLine().Matches(help).Where(m => m.Groups["variable"].Success).Select(m => m.Groups["variable"].Value).ToHashSet();
        helpOptions.Count.ShouldBeGreaterThan(10, "--help lists the options (else this test proves nothing)");

        var (file, table) = OptionsTable();
        var tableOptions = new HashSet<string>();
        var tableVariables = new HashSet<string>();
        foreach (var row in table)
        {
            var cells = row.Split(" | ");
            foreach (Match option in OptionName().Matches(cells[0])) tableOptions.Add(option.Value);
            foreach (Match variable in VariableName().Matches(cells.Length > 1 ? cells[1] : "")) tableVariables.Add(variable.Value);
        }

        helpOptions.Except(tableOptions).ShouldBeEmpty($"options --help lists that the table in {file} lacks");
        tableOptions.Except(helpOptions).ShouldBeEmpty($"options the table in {file} lists that --help does not know");
        helpVariables.Except(tableVariables).ShouldBeEmpty($"variables --help names that the table in {file} lacks");
        tableVariables.Except(helpVariables).ShouldBeEmpty($"variables the table in {file} names that --help does not know");
    }

    /// <summary>The rows (lines starting with "| `") of the table under the "Options" heading of docs/mock.md.</summary>
    private static (string File, List<string> Rows) OptionsTable()
    {
        var root = TwoFactorMockProcess.RepositoryRoot();
        var file = Path.Combine(root, "docs", "mock.md");
        var lines = File.ReadAllLines(file);
        var start = Array.FindIndex(lines, l => l.TrimStart('#').Trim() == "Options" && l.StartsWith('#'));
        start.ShouldBeGreaterThanOrEqualTo(0, $"{file} has an \"Options\" section");
        var rows = lines.Skip(start + 1).TakeWhile(l => !l.StartsWith('#')).Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();
        rows.ShouldNotBeEmpty($"the \"Options\" section of {file} has a table");
        return (Path.GetRelativePath(root, file), rows);
    }

    [GeneratedRegex(@"^  (?<option>--[a-z-]+)[^\n]*?(\[(?<variable>MOCK_[A-Z_]+)\])?$", RegexOptions.Multiline)]
    private static partial Regex HelpOptionLine();

    [GeneratedRegex(@"--[a-z][a-z-]*")]
    private static partial Regex OptionName();

    [GeneratedRegex(@"MOCK_[A-Z_]+")]
    private static partial Regex VariableName();
}
