using TwoFactorContracts.Tool.Tests.Diff;

namespace TwoFactorContracts.Tool.Tests.Cli;

/// <summary>tfc's dispatch and the diff command's exit codes: 0 fine, 1 breaking, 2 usage or unreadable file.</summary>
public sealed class TfcCommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tfc-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Help_lists_every_command()
    {
        var run = await TfcRun.RunAsync("--help");
        run.ExitCode.ShouldBe(0);
        foreach (var command in Tfc.Commands) run.Stdout.ShouldContain($"  {command.Name} ");
    }

    [Fact]
    public async Task Every_command_has_its_own_help()
    {
        foreach (var command in Tfc.Commands)
        {
            var run = await TfcRun.RunAsync(command.Name, "--help");
            run.ExitCode.ShouldBe(0, command.Name);
            run.Stdout.ShouldStartWith("Usage: ");
            run.Stdout.ShouldContain("--help");
        }
    }

    [Fact]
    public async Task Version_is_the_package_version()
    {
        var run = await TfcRun.RunAsync("--version");
        run.ExitCode.ShouldBe(0);
        run.Stdout.Trim().ShouldMatch(@"^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$");
        run.Stdout.Trim().ShouldBe(Tfc.Version);
    }

    [Fact]
    public async Task Help_with_a_command_is_that_command_s_help()
    {
        (await TfcRun.RunAsync("help", "diff")).Stdout.ShouldBe((await TfcRun.RunAsync("diff", "--help")).Stdout);
    }

    [Fact]
    public async Task The_mock_help_is_the_run_mock_help_under_tfc_s_name()
    {
        var run = await TfcRun.RunAsync("mock", "--help");
        run.Stdout.ShouldBe(TwoFactorContracts.MockServer.CommandLine.Help("tfc mock"));
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("--frobnicate")]
    public async Task An_unknown_command_or_option_is_one_line_and_exit_2(string arg)
    {
        var run = await TfcRun.RunAsync(arg);
        run.ExitCode.ShouldBe(2);
        run.Stderr.TrimEnd().Split('\n').Length.ShouldBe(1);
        run.Stderr.ShouldContain(arg);
        run.Stdout.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("mock", "--frobnicate")]
    [InlineData("diff", "--frobnicate")]
    [InlineData("verify", "--frobnicate")]
    [InlineData("export-mappings", "--frobnicate")]
    public async Task An_unknown_command_option_is_one_line_and_exit_2(string command, string option)
    {
        var run = await TfcRun.RunAsync(command, option);
        run.ExitCode.ShouldBe(2);
        run.Stderr.TrimEnd().Split('\n').Length.ShouldBe(1);
        run.Stderr.ShouldContain(option);
    }

    [Fact]
    public async Task No_command_is_a_usage_error()
    {
        var run = await TfcRun.RunAsync();
        run.ExitCode.ShouldBe(2);
        run.Stderr.TrimEnd().Split('\n').Length.ShouldBe(1);
    }

    [Fact]
    public async Task Diff_exits_0_on_no_breaking_change_and_1_on_one()
    {
        var contract = ContractMutation.ContractPath;
        var widened = ContractMutation.OfContract().Replace("minimum: 1", "minimum: 0", after: "        pinAttempts:").WriteTo(_folder);
        var narrowed = ContractMutation.OfContract().Replace("minimum: 1", "minimum: 2", after: "        pinAttempts:").WriteTo(_folder);

        (await TfcRun.RunAsync("diff", contract, contract)).ExitCode.ShouldBe(0);
        (await TfcRun.RunAsync("diff", contract, widened)).ExitCode.ShouldBe(0);
        var breaking = await TfcRun.RunAsync("diff", contract, narrowed);
        breaking.ExitCode.ShouldBe(1);
        breaking.Stdout.ShouldContain("BREAKING      request-bounds-narrowed   POST /2fa/2/applications (createApplication) · request application/json · configuration.pinAttempts: minimum 1 -> 2");
    }

    [Theory]
    [InlineData("version: 3.0.0", "version: 4.0.0", 0)]
    [InlineData("version: 3.0.0", "version: 3.1.0", 1)]
    public async Task Allow_major_bump_passes_breaking_changes_only_with_a_new_major_version(string from, string to, int exitCode)
    {
        var narrowed = ContractMutation.OfContract()
            .Replace("minimum: 1", "minimum: 2", after: "        pinAttempts:")
            .Replace(from, to, after: "info:").WriteTo(_folder);
        (await TfcRun.RunAsync("diff", ContractMutation.ContractPath, narrowed)).ExitCode.ShouldBe(1);
        (await TfcRun.RunAsync("diff", ContractMutation.ContractPath, narrowed, "--allow-major-bump")).ExitCode.ShouldBe(exitCode);
    }

    [Fact]
    public async Task Diff_json_lists_each_change_with_its_location()
    {
        var narrowed = ContractMutation.OfContract().RemoveBlock("        '201':").WriteTo(_folder);
        var run = await TfcRun.RunAsync("diff", ContractMutation.ContractPath, narrowed, "--format", "json");
        run.ExitCode.ShouldBe(1);
        using var json = System.Text.Json.JsonDocument.Parse(run.Stdout);
        json.RootElement.GetProperty("breaking").GetInt32().ShouldBe(1);
        var change = json.RootElement.GetProperty("changes")[0];
        change.GetProperty("rule").GetString().ShouldBe("response-status-removed");
        change.GetProperty("operation").GetString().ShouldBe("POST /2fa/2/applications (createApplication)");
        change.GetProperty("part").GetString().ShouldBe("response 201");
    }

    [Fact]
    public async Task Diff_markdown_is_a_table_row_per_change()
    {
        var narrowed = ContractMutation.OfContract().RemoveBlock("        '201':").WriteTo(_folder);
        var run = await TfcRun.RunAsync("diff", ContractMutation.ContractPath, narrowed, "--format=markdown");
        run.ExitCode.ShouldBe(1);
        run.Stdout.ShouldStartWith("### Contract changes: 1 breaking, 0 non-breaking");
        run.Stdout.ShouldContain("| **breaking** | `response-status-removed` | POST /2fa/2/applications (createApplication) | response 201 |  | status removed |");
    }

    [Fact]
    public async Task A_missing_file_is_one_line_naming_it_and_exit_2()
    {
        var missing = Path.Combine(_folder, "missing.yaml");
        var run = await TfcRun.RunAsync("diff", missing, ContractMutation.ContractPath);
        run.ExitCode.ShouldBe(2);
        run.Stderr.TrimEnd().Split('\n').Length.ShouldBe(1);
        run.Stderr.ShouldContain(missing);
    }

    [Theory]
    [InlineData("openapi: 3.0.3\ninfo: [unclosed\n")]
    [InlineData("just: a map\n")]
    [InlineData("")]
    public async Task A_file_that_is_not_a_contract_is_one_line_naming_it_and_the_error_and_exit_2(string text)
    {
        var bad = Path.Combine(_folder, "bad.yaml");
        await File.WriteAllTextAsync(bad, text);
        var run = await TfcRun.RunAsync("diff", ContractMutation.ContractPath, bad);
        run.ExitCode.ShouldBe(2);
        run.Stderr.TrimEnd().Split('\n').Length.ShouldBe(1);
        run.Stderr.ShouldStartWith($"tfc diff: cannot parse {bad}: ");
        run.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task Diff_needs_exactly_two_files()
    {
        var run = await TfcRun.RunAsync("diff", ContractMutation.ContractPath);
        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("OLD and NEW");
    }
}
