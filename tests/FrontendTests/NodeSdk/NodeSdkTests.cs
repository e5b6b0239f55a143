using System.Diagnostics;
using System.Reflection;
using System.Text;
using TwoFactorContracts.Testing;

namespace FrontendTests.NodeSdk;

/// <summary>
/// A real client nobody here wrote: Infobip's Node SDK (<c>@infobip-api/sdk</c> 0.3.2, pinned in NodeSdk/package.json,
/// installed by this project's build) walks the whole 2FA flow against the mock (sdk-flow.test.mjs under node's
/// test runner). The mock runs in-process on a free loopback port, a fresh account per run.
/// </summary>
public sealed class NodeSdkTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);

    private static string Folder =>
        typeof(NodeSdkTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NodeSdkFolder").Value
        ?? throw new InvalidOperationException("NodeSdkFolder metadata missing: rebuild FrontendTests.");

    [Fact]
    public async Task The_Infobip_Node_SDK_walks_the_whole_flow_against_the_mock()
    {
        if (!File.Exists(Path.Combine(Folder, "node_modules", "@infobip-api", "sdk", "package.json")))
            throw new InvalidOperationException($"@infobip-api/sdk is not installed in {Folder}: build FrontendTests (it runs npm ci there).");
        await using var mock = await TwoFactorMock.StartAsync(MockStoreEnvironment.Apply(new() { Port = 0 }));
        var apiKey = mock.Authorization.StartsWith("App ", StringComparison.Ordinal)
            ? mock.Authorization["App ".Length..]
            : throw new InvalidOperationException($"The fixture's credential is not an App key: {mock.Authorization}");

        var (exitCode, output) = await RunNodeAsync(mock.BaseUrl, apiKey);

        exitCode.ShouldBe(0, output);
        // The spec reporter's summary: every test and subtest passed, and there were some.
        output.ShouldContain("ℹ fail 0", customMessage: output);
        var passed = int.Parse(output.Split('\n').Single(l => l.StartsWith("ℹ pass ", StringComparison.Ordinal))["ℹ pass ".Length..].Trim());
        passed.ShouldBeGreaterThanOrEqualTo(12, output);
    }

    private static async Task<(int ExitCode, string Output)> RunNodeAsync(string baseUrl, string apiKey)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { "--test", "--test-reporter=spec", "sdk-flow.test.mjs" }) start.ArgumentList.Add(argument);
        start.Environment["MOCK_URL"] = baseUrl;
        start.Environment["MOCK_API_KEY"] = apiKey;
        start.Environment["NO_COLOR"] = "1";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("node is not on PATH: the Node SDK test needs Node 20+.", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Budget);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                throw new TimeoutException($"The Node SDK test ran longer than {Budget.TotalSeconds} s:\n{await stdout}\n{await stderr}");
            }
            return (process.ExitCode, (await stdout) + (await stderr));
        }
    }
}
