using System.Net.Http.Headers;
using System.Xml.Linq;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.MockServer.Flavours;
using TwoFactorContracts.Testing;

namespace TwoFactorContracts.Tool.Tests.Cli;

/// <summary>
/// The gate CI runs, in-process: tfc mock serves and stops on cancel; tfc verify passes the seed mock with the
/// seed profile (JUnit written) and fails today's mock with the differences named.
/// </summary>
public sealed class MockAndVerifyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tfc-verify-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Tfc_mock_serves_until_cancelled()
    {
        var stdout = new LineSignalWriter(@"http://127\.0\.0\.1:[0-9]+");
        using var cancel = new CancellationTokenSource();
        var run = Tfc.RunAsync(["mock", "--port", "0", "--flavour", "today"], stdout, new StringWriter(), cancel.Token);
        var url = await stdout.Match.WaitAsync(TimeSpan.FromSeconds(60));
        stdout.ToString().ShouldContain("flavour today");
        using var http = new HttpClient { BaseAddress = new Uri(url + "/") };
        (await http.GetAsync("__admin/health")).IsSuccessStatusCode.ShouldBeTrue();
        cancel.Cancel();
        (await run.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe(0);
    }

    [Fact]
    public async Task Verify_with_the_seed_profile_passes_the_seed_mock_and_writes_junit()
    {
        await using var mock = await TwoFactorMock.StartAsync(new MockServerOptions { Port = 0 });
        var junit = Path.Combine(_folder, "conformance.xml");
        var run = await TfcRun.RunAsync("verify", "--target", mock.BaseUrl, "--profile", "seed", "--junit", junit);
        run.ExitCode.ShouldBe(0, run.Stdout + run.Stderr);
        run.Stdout.ShouldContain("CONFORMS");
        var cases = XDocument.Load(junit).Descendants("testcase").ToList();
        cases.ShouldNotBeEmpty();
        cases.ShouldAllBe(c => c.Element("failure") == null);
    }

    [Fact]
    public async Task Verify_with_the_seed_profile_fails_today_s_mock_and_names_the_differences()
    {
        await using var mock = await TwoFactorMock.StartAsync(new MockServerOptions { Port = 0, Flavour = MockFlavour.Today });
        var junit = Path.Combine(_folder, "conformance.xml");
        var run = await TfcRun.RunAsync("verify", "--target", mock.BaseUrl, "--profile", "seed", "--junit", junit);
        run.ExitCode.ShouldBe(1, run.Stderr);
        run.Stdout.ShouldContain("DOES NOT CONFORM");
        run.Stdout.ShouldContain("getApplication/notFound/json: message-id: messageId NOT_FOUND is not the documented APPLICATION_NOT_FOUND");
        XDocument.Load(junit).Descendants("failure").ShouldNotBeEmpty();
    }
}
