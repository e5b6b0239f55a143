using MockServer.Tests.Support;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Runner;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.Testing;
using WireMock.Server;
using WireMock.Settings;

namespace MockServer.Tests.Mappings;

/// <summary>
/// --export-mappings stands alone: the exported folder, served by a plain WireMockServer (WireMock.Net's own
/// static-mapping loading, no project code in its request path) and by WireMock's jar, passes the conformance
/// suite's exact-example cases; deleting one case's file makes that case fail.
/// </summary>
public sealed class ExportedMappingsTests : IDisposable
{
    private static readonly ContractDocument Contract = ContractDocument.Load();

    /// <summary>Every documented case of every operation: the applications', the templates' and the PIN flow's.</summary>
    private static readonly IReadOnlyList<ContractCase> AllCases = [.. Contract.AllOperations.SelectMany(o => o.Cases)];
    private readonly string _dir = Directory.CreateTempSubdirectory("tfc-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task WireMockNet_serves_the_exported_folder_and_passes_every_exact_example_case()
    {
        Export(MappingExport.WireMockNet);
        using var server = PlainWireMockNet(_dir);
        (await FailuresAsync(server, AllCases)).ShouldBeEmpty();

        var removed = RemoveOneRequestCausedAndOnePreferCase(_dir);
        using var reloaded = PlainWireMockNet(_dir);
        foreach (var id in removed)
            (await FailuresAsync(reloaded, AllCases.Where(c => c.Id == id))).ShouldHaveSingleItem($"{id} still passes without its file");
        (await FailuresAsync(reloaded, AllCases.Where(c => !removed.Contains(c.Id)))).ShouldBeEmpty();
    }

    [Fact]
    public async Task WireMock_jar_serves_the_exported_root_dir_and_passes_every_exact_example_case()
    {
        Export(MappingExport.WireMock);
        await using (var java = await WireMockJava.StartAsync(_dir))
            (await FailuresAsync(java.BaseUrl, AllCases)).ShouldBeEmpty(java.Output);

        var removed = RemoveOneRequestCausedAndOnePreferCase(Path.Combine(_dir, "mappings"));
        await using var restarted = await WireMockJava.StartAsync(_dir);
        foreach (var id in removed)
            (await FailuresAsync(restarted.BaseUrl, AllCases.Where(c => c.Id == id))).ShouldHaveSingleItem($"{id} still passes without its file");
        (await FailuresAsync(restarted.BaseUrl, AllCases.Where(c => !removed.Contains(c.Id)))).ShouldBeEmpty();
    }

    [Fact]
    public void One_readable_file_per_documented_case()
    {
        Export(MappingExport.WireMockNet);
        var files = Directory.GetFiles(_dir, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order().ToList();
        files.ShouldBe(AllCases.Select(c => c.Id.Replace("/", "--", StringComparison.Ordinal)).Order().ToList());
        File.ReadAllText(Path.Combine(_dir, "createApplication--missingName--json.json")).ShouldContain("\"Title\": \"createApplication/missingName/json\"");
    }

    [Fact]
    public void Bad_arguments_get_one_clear_line_and_a_non_zero_exit()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        MappingExport.Run(_dir, "swagger", stdout, stderr).ShouldBe(2);
        stderr.ToString().Trim().ShouldBe("error: --export-format must be wiremock-net or wiremock, not 'swagger'.");
        Directory.GetFiles(_dir).ShouldBeEmpty();

        var file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "");
        MappingExport.Run(file, MappingExport.WireMock, stdout, stderr = new StringWriter()).ShouldBe(1);
        stderr.ToString().ShouldStartWith($"error: could not export the mappings to '{file}'");
    }

    [Fact]
    public async Task Run_mock_exports_and_exits()
    {
        var (exitCode, output) = await TwoFactorMockProcess.RunToEndAsync(new TwoFactorMockProcessOptions { Arguments = ["--export-mappings", _dir, "--export-format", "wiremock"], StartTimeout = TimeSpan.FromMinutes(5) });
        exitCode.ShouldBe(0, output);
        output.ShouldContain($"Wrote {AllCases.Count()} WireMock mapping files");
        Directory.GetFiles(Path.Combine(_dir, "mappings"), "*.json").Length.ShouldBe(AllCases.Count());
    }

    private void Export(string format)
    {
        var stderr = new StringWriter();
        MappingExport.Run(_dir, format, new StringWriter(), stderr).ShouldBe(0, stderr.ToString());
    }

    /// <summary>Nothing of ours in the request path: WireMock.Net reading the folder with its own static-mapping loading.</summary>
    private static WireMockServer PlainWireMockNet(string folder)
    {
        var server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"], StartAdminInterface = false });
        server.ReadStaticMappings(folder);
        return server;
    }

    private static Task<List<string>> FailuresAsync(WireMockServer server, IEnumerable<ContractCase> cases) =>
        FailuresAsync(new Uri($"http://127.0.0.1:{server.Port}/"), cases);

    /// <summary>The conformance engine, targeting the server as an examples mock: the answer must be the documented example.</summary>
    private static async Task<List<string>> FailuresAsync(Uri baseUrl, IEnumerable<ContractCase> cases)
    {
        // One answer first: a cold server builds the matchers of every stub (hundreds, with the PIN flow's) on its
        // first requests, which on a loaded machine can outlast the suite's per-request timeout.
        // (Measured here under load: 17 s for the first answer of WireMock.Net with 510 stubs, then 50 ms.)
        using (var warm = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(120) })
        {
            foreach (var accept in new[] { "application/json", "application/xml" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "2fa/2/applications");
                request.Headers.TryAddWithoutValidation("Authorization", "App warm-up");
                request.Headers.TryAddWithoutValidation("Accept", accept);
                (await warm.SendAsync(request)).Dispose();
            }
        }
        // What this checks is which answer each case gets, not how fast: a stub's matchers are built on the first
        // request that reaches them, so a generous timeout keeps a loaded machine from failing a correct folder.
        using var runner = new ConformanceRunner(new ConformanceTarget(baseUrl, TargetKind.ExamplesMock),
            ConformanceSettings.FromEnvironment(name => name == "CONFORMANCE_TIMEOUT" ? "60s" : null), Contract);
        var results = await runner.RunAllAsync(cases);
        results.Count.ShouldBeGreaterThan(0);
        return results.Where(r => !r.Passed).Select(r => r.Describe()).ToList();
    }

    /// <summary>Deletes the files of the contract's first request-caused (non-basic) case and its first Prefer-only case.</summary>
    private static List<string> RemoveOneRequestCausedAndOnePreferCase(string folder)
    {
        var ids = new List<string>
        {
            // An envelope case (405 on the collection) shares its answer with its sibling operation's: not a telling pick.
            AllCases.First(c => c.Name != ContractOperation.FallbackExample && !c.NeedsNoRequestCause && !c.CausedByEnvelope).Id,
            AllCases.First(ConformanceRunner.NeedsPrefer).Id,
        };
        foreach (var id in ids) File.Delete(Path.Combine(folder, id.Replace("/", "--", StringComparison.Ordinal) + ".json"));
        return ids;
    }
}
