using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using TwoFactorContracts.ConformanceTests.Command;
using TwoFactorContracts.ConformanceTests.Targets;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>The conformance command: exit codes, one-line errors, the run against our mock, --no-wait, --list, baselines.</summary>
public class CommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tfc-command-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public sealed record Outcome(int Exit, string Stdout, string Stderr);

    /// <summary>Runs the command with no CONFORMANCE_* variables but those given.</summary>
    public static Task<Outcome> Run(string[] args, params (string Name, string Value)[] env) => Run(args, null, env);

    /// <summary>As <see cref="Run(string[],ValueTuple{string,string}[])"/>, the request gate on the given clock (its waits advance it).</summary>
    public static async Task<Outcome> Run(string[] args, ManualClock? clock, params (string Name, string Value)[] env)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await VerifyCommand.RunAsync(args, stdout, stderr, n => env.FirstOrDefault(e => e.Name == n).Value,
            clock is null ? null : (budgets, noWait, progress) => new Planning.RequestGate(budgets, noWait, progress, clock, clock.Delay));
        return new Outcome(exit, stdout.ToString(), stderr.ToString());
    }

    private static void ShouldBeOneClearLine(Outcome outcome, string contains)
    {
        outcome.Exit.ShouldBe(VerifyCommand.CouldNotRun, outcome.Stderr + outcome.Stdout);
        var lines = outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1, outcome.Stderr);
        lines[0].ShouldStartWith("conformance: ");
        lines[0].ShouldContain(contains);
        outcome.Stderr.ShouldNotContain("   at ", Case.Sensitive, "no stack trace");
        outcome.Stderr.ShouldNotContain("Exception:");
    }

    [Fact]
    public async Task An_unknown_profile_is_one_line_and_exit_2() =>
        ShouldBeOneClearLine(await Run(["--target", "http://127.0.0.1:9", "--profile", "tomorrow"]), "unknown profile 'tomorrow'");

    [Theory]
    [InlineData("name: [unclosed", "not valid YAML or JSON")]
    [InlineData("name: x\nbudgets: documented\ndeviations:\n  - id: a\n    reason: b\n", "needs exactly one of")]
    [InlineData("name: x\nbudgets: sometimes\n", "budgets must be documented or none")]
    [InlineData("name: x\ndeviatons: []\n", "deviatons")]
    [InlineData("{\"name\": \"x\", \"budget\": {\"create\": \"lots\"}}", "not N/window")]
    public async Task A_malformed_profile_file_is_one_line_and_exit_2(string text, string says)
    {
        var file = Path.Combine(_folder, "profile.yaml");
        await File.WriteAllTextAsync(file, text);
        ShouldBeOneClearLine(await Run(["--target", "http://127.0.0.1:9", "--profile", file]), says);
    }

    [Theory]
    [InlineData("create=twenty/10m", "not N/window")]
    [InlineData("create=20/soon", "not N/window")]
    [InlineData("20/10m", "not op=N/window")]
    [InlineData("delete=1/1m", "budget operation 'delete'")]
    public async Task A_budget_that_does_not_parse_is_one_line_and_exit_2(string budget, string says) =>
        ShouldBeOneClearLine(await Run(["--target", "http://127.0.0.1:9", "--budget", budget]), says);

    [Theory]
    [InlineData(new[] { "--tagret", "http://x" }, "unknown option '--tagret'")]
    [InlineData(new[] { "--profile", "seed" }, "--target <url> (or CONFORMANCE_TARGET_URL) is required")]
    [InlineData(new[] { "--target", "not a url" }, "is not an http(s) URL")]
    [InlineData(new[] { "--target", "http://127.0.0.1:9", "--mode", "loose" }, "strict or lenient")]
    [InlineData(new[] { "--target", "http://127.0.0.1:9", "--timeout" }, "--timeout needs a value")]
    [InlineData(new[] { "--target", "http://127.0.0.1:9", "--only", "nothing/*" }, "matches no case")]
    public async Task Bad_arguments_are_one_line_and_exit_2(string[] args, string says) =>
        ShouldBeOneClearLine(await Run(args), says);

    [Fact]
    public async Task An_unreachable_target_is_one_line_and_exit_2()
    {
        // A port that was free a moment ago and has nobody listening now.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var outcome = await Run(["--target", $"http://127.0.0.1:{port}", "--timeout", "2"]);

        ShouldBeOneClearLine(outcome, $"cannot reach http://127.0.0.1:{port}/");
    }

    [Fact]
    public async Task Credentials_the_target_refuses_are_one_line_exit_2_and_never_echoed()
    {
        await using var mock = await MockTargets.StartAsync("--credential", "App the-right-key-123");
        var outcome = await Run(["--target", mock.Url], ("CONFORMANCE_AUTH", "App a-wrong-key-456"));

        ShouldBeOneClearLine(outcome, "refused the credentials");
        (outcome.Stdout + outcome.Stderr).ShouldNotContain("a-wrong-key-456");
    }

    [Fact]
    public async Task A_credential_given_with_auth_is_used_and_never_printed()
    {
        await using var mock = await MockTargets.StartAsync("--credential", "App flag-secret-key-999");
        var json = Path.Combine(_folder, "r.json");

        var outcome = await Run(["--target", mock.Url, "--auth", "App flag-secret-key-999", "--only", "getApplication/notFound/*", "--json", json]);

        outcome.Exit.ShouldBe(0, outcome.Stdout + outcome.Stderr);
        (outcome.Stdout + outcome.Stderr + await File.ReadAllTextAsync(json)).ShouldNotContain("flag-secret-key-999");
    }

    [Fact]
    public async Task With_a_forbidden_credential_the_documented_403_cases_run_against_any_target_and_it_is_never_printed()
    {
        await using var mock = await MockTargets.StartAsync("--forbidden-credential", "App no-2fa-permission-77");
        var json = Path.Combine(_folder, "r.json");

        var without = await Run(["--target", mock.Url, "--only", "*/forbidden/*"]);
        var with = await Run(["--target", mock.Url, "--profile", "today", "--only", "*/forbidden/*", "--forbidden-auth", "App no-2fa-permission-77", "--json", json]);

        without.Exit.ShouldBe(0);
        without.Stdout.ShouldStartWith("CONFORMS: 0 passed", Case.Sensitive, "without it the 403 cases are not run");
        with.Exit.ShouldBe(0, with.Stdout);
        var cases = JsonNode.Parse(await File.ReadAllTextAsync(json))!["cases"]!.AsArray();
        // Every operation documents 403: the applications', the templates' and the PIN flow's, JSON and XML.
        var documented = Contract.ContractDocument.Load().AllOperations.Count * 2;
        cases.Count.ShouldBe(documented, "every operation, JSON and XML");
        cases.ShouldAllBe(c => c!["verdict"]!.GetValue<string>() == "passed");
        with.Stdout.ShouldContain($"forbidden-documented ({documented} cases)");
        (with.Stdout + with.Stderr + await File.ReadAllTextAsync(json)).ShouldNotContain("no-2fa-permission-77");
    }

    [Fact]
    public async Task Help_lists_every_flag_and_exits_0()
    {
        var outcome = await Run(["--help"]);
        outcome.Exit.ShouldBe(0);
        foreach (var flag in new[] { "--target", "--auth", "--profile", "--mode", "--read-only", "--only", "--list", "--junit", "--markdown", "--json", "--timeout", "--deadline", "--max-creates", "--no-wait", "--budget", "--write-baseline" })
            outcome.Stdout.ShouldContain(flag);
    }

    [Fact]
    public async Task List_prints_the_plan_with_the_lifecycle_first_and_negative_cases_last_and_sends_nothing()
    {
        var outcome = await Run(["--list"]);
        outcome.Exit.ShouldBe(0, outcome.Stderr);
        var ids = outcome.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        ids[0].ShouldBe("lifecycle/create-read-update");
        ids.ShouldContain("getApplication/basic/xml");
        ids[^1].ShouldContain("updateApplication/");
        ids.Last().Split('/').Length.ShouldBe(4, "negative case ids (operation/format/field/rule) come last");
        (await Run(["--list", "--only", "*/xml"])).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldAllBe(id => id.Trim().EndsWith("/xml"));
    }

    [Fact]
    public async Task The_seed_profile_against_our_default_mock_conforms_strictly_and_writes_every_report()
    {
        await using var mock = await MockTargets.StartAsync();
        var (md, junit, json) = (Path.Combine(_folder, "r.md"), Path.Combine(_folder, "r.xml"), Path.Combine(_folder, "r.json"));

        var outcome = await Run(["--target", mock.Url, "--target-kind", "mock", "--profile", "seed", "--markdown", md, "--junit", junit, "--json", json]);

        outcome.Exit.ShouldBe(0, outcome.Stdout);
        outcome.Stdout.ShouldStartWith("CONFORMS");
        outcome.Stderr.ShouldContain("[1/");
        var report = JsonNode.Parse(await File.ReadAllTextAsync(json))!;
        report["mode"]!.GetValue<string>().ShouldBe("strict");
        report["counts"]!["failed"]!.GetValue<int>().ShouldBe(0);
        report["counts"]!["passed"]!.GetValue<int>().ShouldBeGreaterThan(100);
        report["accepted"]!.AsArray().ShouldBeEmpty();
        (await File.ReadAllTextAsync(md)).ShouldContain("| `getApplication/basic/xml` | passed |");
        (await File.ReadAllTextAsync(junit)).ShouldContain("<testcase classname=\"Lifecycle and cross-checks\"");
    }

    [Fact]
    public async Task With_no_wait_a_spent_budget_leaves_the_rest_not_run_and_exits_0_when_nothing_failed()
    {
        await using var mock = await MockTargets.StartAsync();
        var json = Path.Combine(_folder, "r.json");

        var outcome = await Run(["--target", mock.Url, "--target-kind", "mock", "--no-wait", "--budget", "create=4/10m", "--budget", "update=5/10m", "--json", json]);

        outcome.Exit.ShouldBe(0, outcome.Stdout);
        var report = JsonNode.Parse(await File.ReadAllTextAsync(json))!;
        report["counts"]!["failed"]!.GetValue<int>().ShouldBe(0);
        report["counts"]!["notRunForBudget"]!.GetValue<int>().ShouldBeGreaterThan(20);
        var cases = report["cases"]!.AsArray();
        // The creates went to the chained cases first: get and update of the created applications ran.
        cases.Single(c => c!["id"]!.GetValue<string>() == "getApplication/basic/json")!["verdict"]!.GetValue<string>().ShouldBe("passed");
        cases.Single(c => c!["id"]!.GetValue<string>() == "updateApplication/basic/json")!["verdict"]!.GetValue<string>().ShouldBe("passed");
        cases.Where(c => c!["skipReason"]?.GetValue<string>()?.StartsWith("not run: budget") == true).ShouldNotBeEmpty();
        outcome.Stdout.ShouldContain("Not run for budget:");
    }

    [Fact]
    public async Task A_target_that_throttles_beyond_the_plan_is_backed_off_and_retried_never_judged()
    {
        // No budgets on our side, a tight one on the target's (with Retry-After): 429s come, and are waited out.
        var clock = new ManualClock(); // the mock's window and the run's back-off on one clock: no real waiting
        await using var mock = await MockTargets.StartAsync(clock, "--throttle", "4/1s");
        var json = Path.Combine(_folder, "r.json");

        var outcome = await Run(["--target", mock.Url, "--target-kind", "mock", "--only", "getApplication/*", "--json", json], clock);

        outcome.Exit.ShouldBe(0, outcome.Stdout);
        var report = JsonNode.Parse(await File.ReadAllTextAsync(json))!;
        report["throttled"]!.GetValue<int>().ShouldBeGreaterThan(0);
        report["counts"]!["failed"]!.GetValue<int>().ShouldBe(0);
        outcome.Stderr.ShouldContain("answered 429 Too Many Requests; backing off (Retry-After)");
        outcome.Stdout.ShouldContain($"{report["throttled"]} throttled answers");
    }

    [Fact]
    public async Task A_baseline_accepts_what_fails_now_so_the_next_run_conforms()
    {
        // Our mock answering 201 to creates, judged by a profile that wants 200 only: a failure to baseline.
        await using var mock = await MockTargets.StartAsync("--flavour", "today");
        var baseline = Path.Combine(_folder, "baseline.json");
        var args = new[] { "--target", mock.Url, "--target-kind", "mock", "--only", "getApplication/*" };

        var first = await Run([.. args, "--write-baseline", baseline]);
        first.Exit.ShouldBe(VerifyCommand.Failed, first.Stdout);
        var second = await Run([.. args, "--profile", baseline]);

        second.Exit.ShouldBe(0, second.Stdout);
        second.Stdout.ShouldContain("Deviations seen and accepted");
        second.Stdout.ShouldContain("baseline/getApplication/notFound/json/message-id");
    }
}
