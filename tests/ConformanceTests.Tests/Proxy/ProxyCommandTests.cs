using TwoFactorContracts.ConformanceTests.Proxy;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.ProxyTests;

/// <summary>The command: options, exit codes, --duration writing the reports, the live page.</summary>
public class ProxyCommandTests
{
    [Fact]
    public async Task Help_lists_every_option_and_bad_options_exit_2_with_one_line()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        (await ProxyCommand.RunAsync(["--help"], stdout, stderr)).ShouldBe(ProxyCommand.NoViolations);
        foreach (var option in new[] { "--target", "--port", "--profile", "--report-dir", "--max-body", "--timeout", "--duration", "--annotate", "--errors", "--write-baseline" })
            stdout.ToString().ShouldContain(option);

        foreach (var args in new[] { Array.Empty<string>(), ["--target", "ftp://x"], ["--target", "http://x", "--bogus"], ["--target", "http://x", "--max-body", "0"],
                     ["--target", "http://x", "--profile", "nosuch"] })
        {
            var errors = new StringWriter();
            (await ProxyCommand.RunAsync(args, new StringWriter(), errors)).ShouldBe(ProxyCommand.CouldNotRun, string.Join(' ', args));
            errors.ToString().Trim().Split('\n').ShouldHaveSingleItem().ShouldStartWith("proxy: ");
        }
    }

    [Fact]
    public async Task With_duration_it_stops_by_itself_writes_the_reports_and_exits_0_when_nothing_violated()
    {
        var dir = Path.Combine(Path.GetTempPath(), "tfc-proxy-cmd-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var mock = await QuietMock.StartAsync();
            var stdout = new StringWriter();
            var code = await ProxyCommand.RunAsync(["--target", mock.BaseUrl, "--port", "0", "--report-dir", dir, "--duration", "0.2"], stdout, new StringWriter());

            code.ShouldBe(ProxyCommand.NoViolations, stdout.ToString());
            stdout.ToString().ShouldContain("tfc proxy listening on http://127.0.0.1:");
            stdout.ToString().ShouldContain("NO VIOLATIONS: 0 exchanges");
            foreach (var file in new[] { ProxyRecorder.ExchangesFile, ProxyReports.Summary, ProxyReports.Junit, ProxyReports.Coverage })
                File.Exists(Path.Combine(dir, file)).ShouldBeTrue(file);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task The_live_page_shows_the_violation_a_request_just_caused()
    {
        await using var mock = await QuietMock.StartAsync();
        await using var proxy = await ProxyUnderTest.StartAsync(mock.BaseUrl + "/");
        using var request = new HttpRequestMessage(HttpMethod.Post, "2fa/2/applications") { Content = new StringContent("{\"name\":7}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", ConformanceSettings.SeedAuthorization);
        await proxy.Client.SendAsync(request);
        await proxy.RecordedAsync(1);

        (await proxy.Client.GetStringAsync("__proxy")).ShouldContain("/__proxy/exchanges");
        var live = System.Text.Json.Nodes.JsonNode.Parse(await proxy.Client.GetStringAsync("__proxy/exchanges"))!;
        live["withViolations"]!.GetValue<int>().ShouldBe(1);
        var last = live["last"]!.AsArray().ShouldHaveSingleItem()!;
        last["violations"]![0]!["check"]!.ToString().ShouldBe("request-body");
        proxy.Exchanges().Count.ShouldBe(1, "the page's own requests are not exchanges");
    }
}
