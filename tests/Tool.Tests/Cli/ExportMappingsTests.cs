using System.Text.Json;

namespace TwoFactorContracts.Tool.Tests.Cli;

/// <summary>tfc export-mappings: WireMock.Net files in DIR, WireMock's own format in DIR/mappings; usage errors exit 2.</summary>
public sealed class ExportMappingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tfc-export-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(new string[0], "")]
    [InlineData(new[] { "--format", "wiremock" }, "mappings")]
    public async Task Writes_one_json_file_per_documented_case(string[] options, string subfolder)
    {
        var run = await TfcRun.RunAsync(["export-mappings", _folder, .. options]);
        run.ExitCode.ShouldBe(0, run.Stderr);
        var files = Directory.GetFiles(Path.Combine(_folder, subfolder), "*.json");
        files.Select(Path.GetFileName).ShouldContain("createApplication--basic--json.json");
        files.Select(Path.GetFileName).ShouldContain("getApplication--notFound--xml.json");
        foreach (var file in files) JsonDocument.Parse(await File.ReadAllTextAsync(file)).Dispose();
        run.Stdout.ShouldContain($"Wrote {files.Length} ");
    }

    [Theory]
    [InlineData("--format", "wiremock-java")]
    [InlineData("--create-status", "202")]
    public async Task A_bad_value_is_one_line_and_exit_2(string option, string value)
    {
        var run = await TfcRun.RunAsync("export-mappings", _folder, option, value);
        run.ExitCode.ShouldBe(2);
        run.Stderr.TrimEnd().Split('\n').Length.ShouldBe(1);
        run.Stderr.ShouldContain(value);
        Directory.GetFiles(_folder).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_folder_is_required()
    {
        var run = await TfcRun.RunAsync("export-mappings");
        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("needs a folder");
    }
}
