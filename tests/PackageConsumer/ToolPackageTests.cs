using System.Diagnostics;
using System.Net.Http.Headers;
using System.Reflection;
using TwoFactorContracts.Testing;

namespace PackageConsumer;

/// <summary>The installed tool (run.sh sets TFC to the tfc that `dotnet tool install --tool-path` put there).</summary>
public sealed class ToolPackageTests
{
    private static string Tfc => Environment.GetEnvironmentVariable("TFC") is { Length: > 0 } path
        ? path
        : throw new InvalidOperationException("TFC is not set: run tests/PackageConsumer/run.sh, which installs the tool and sets it.");

    private static string PackageVersion => typeof(ToolPackageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "TfcVersion").Value!;

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(Tfc, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task The_installed_tool_is_the_packed_version()
    {
        var (code, stdout, _) = await RunAsync("--version");
        code.ShouldBe(0);
        stdout.Trim().ShouldBe(PackageVersion);
    }

    [Fact]
    public async Task The_built_in_contract_diffs_clean_against_the_packaged_contract()
    {
        var packaged = Path.Combine(AppContext.BaseDirectory, "openapi", "2fa-applications.yaml");
        var (code, stdout, stderr) = await RunAsync("diff", packaged, packaged);
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("0 breaking, 0 non-breaking");
    }

    [Fact]
    public async Task Tfc_mock_serves_the_api_on_a_free_port()
    {
        // The Testing package's process fixture running the installed tool: tfc mock --port 0, ready when it says where it listens.
        await using var mock = await TwoFactorMockProcess.StartAsync(new TwoFactorMockProcessOptions
        {
            FileName = Tfc,
            Arguments = ["mock"],
            StartTimeout = TimeSpan.FromSeconds(60),
        });
        mock.BaseUrl.ToString().ShouldStartWith("http://127.0.0.1:");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = mock.BaseUrl };
        (await http.GetAsync("__admin/health", timeout.Token)).IsSuccessStatusCode.ShouldBeTrue();
        http.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse("App package-consumer");
        var list = await http.GetAsync("2fa/2/applications", timeout.Token);
        ((int)list.StatusCode).ShouldBe(200);
        (await list.Content.ReadAsStringAsync(timeout.Token)).ShouldContain("Test application BASIC 1");
    }
}
