using System.Text.Json.Nodes;
using System.Xml.Linq;
using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Command;
using TwoFactorContracts.ConformanceTests.Runner;
using TwoFactorContracts.ConformanceTests.Targets;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>
/// Issue 20: no answer can stop a run. The real command against a target that answers the preflight sanely and then
/// every request with one broken shape (or a seeded mix of them): the run goes to its end, each broken answer is a
/// failed check naming what was wrong, every report is written and parses, stderr has no stack trace. And a run
/// stopped by Ctrl-C or its --deadline still writes its reports for what ran.
/// </summary>
public class HostileTargetTests : IDisposable
{
    /// <summary>A safety net, not a timing assertion: a run that has not ended by then is a hang.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    private readonly string _folder = Directory.CreateTempSubdirectory("tfc-hostile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<AnswerShape> Shapes => [.. Enum.GetValues<AnswerShape>()];

    /// <summary>The run's outcome and its three reports, each parsed.</summary>
    private sealed record Run(int Exit, string Stdout, string Stderr, JsonNode Json, XDocument Junit, string Markdown)
    {
        public IEnumerable<JsonNode> Cases => Json["cases"]!.AsArray().OfType<JsonNode>();

        /// <summary>Every failed check's reason, expected and received, one line each.</summary>
        public IEnumerable<string> FailureTexts => Cases.SelectMany(c => c["checks"]!.AsArray().OfType<JsonNode>())
            .Where(v => v["outcome"]!.GetValue<string>() == "failed")
            .Select(v => $"{v["check"]}: {v["reason"]} | expected {v["expected"]} | received {v["received"]}");

        public string Describe() => $"exit {Exit}\nstderr (last lines):\n{string.Join('\n', Stderr.Split('\n').TakeLast(15))}\nstdout:\n{Stdout}";
    }

    private async Task<Run> RunAsync(HostileTarget target, string[] extra, CancellationToken cancel = default, params (string Name, string Value)[] env)
    {
        var (md, junit, json) = (Path.Combine(_folder, "r.md"), Path.Combine(_folder, "r.xml"), Path.Combine(_folder, "r.json"));
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        bound.CancelAfter(Bound);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await VerifyCommand.RunAsync(
            ["--target", target.BaseUrl.ToString(), "--profile", "seed", "--junit", junit, "--json", json, "--markdown", md, "--no-wait", .. extra],
            stdout, stderr, name => env.FirstOrDefault(e => e.Name == name).Value, null, bound.Token).WaitAsync(Bound + TimeSpan.FromSeconds(30));
        (bound.IsCancellationRequested && !cancel.IsCancellationRequested).ShouldBeFalse($"the run did not end within {Bound.TotalSeconds} s");

        var run = new Run(exit, stdout.ToString(), stderr.ToString(),
            JsonNode.Parse(await File.ReadAllTextAsync(json))!, XDocument.Parse(await File.ReadAllTextAsync(junit)), await File.ReadAllTextAsync(md));
        run.Stderr.ShouldNotContain("   at ", Case.Sensitive, "no stack trace");
        run.Stderr.ShouldNotContain("could not run", Case.Sensitive, run.Describe());
        run.Markdown.ShouldStartWith("# Conformance summary");
        run.Junit.Root!.Name.LocalName.ShouldBe("testsuites");
        run.Json["counts"].ShouldNotBeNull();
        return run;
    }

    /// <summary>No check threw and no case ended in an exception: the readers themselves took the answer (the guards are a last line only).</summary>
    private static void NothingThrew(Run run)
    {
        var thrown = run.FailureTexts.Where(t => t.Contains(CheckSet.CouldNotJudge) || t.StartsWith("run: could not run the case")).ToList();
        thrown.ShouldBeEmpty(string.Join('\n', thrown));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Every_broken_shape_fails_its_cases_by_name_and_the_run_goes_to_its_end(AnswerShape shape)
    {
        await using var target = await HostileTarget.StartAsync(shape);
        // The whole plan; a slow target costs a timeout per request, so its timeout is short and its plan the list's cases.
        var only = shape == AnswerShape.Slow ? "listApplications/*" : "*";
        var run = await RunAsync(target, ["--timeout", shape == AnswerShape.Slow ? "300ms" : "10s", "--only", only]);

        run.Exit.ShouldBe(VerifyCommand.Failed, run.Describe());
        run.Json["stopped"].ShouldBeNull(run.Describe());
        target.Served.GetValueOrDefault(shape).ShouldBeGreaterThan(0);
        run.Json["counts"]!["failed"]!.GetValue<int>().ShouldBeGreaterThan(0);
        var texts = run.FailureTexts.ToList();
        texts.ShouldContain(t => t.Contains(HostileTarget.Names[shape]), $"no failure names '{HostileTarget.Names[shape]}':\n{string.Join('\n', texts.Take(20))}");
        // The run went on after each broken answer, to the plan's last case.
        var plan = (await CommandTests.Run(["--list", "--only", only])).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        run.Stderr.ShouldContain($"[{plan}/{plan}]", Case.Sensitive, run.Describe());
        run.Cases.ShouldNotContain(c => (c["skipReason"] == null ? "" : c["skipReason"]!.GetValue<string>()).StartsWith("not run: the run was stopped"));
        run.Stdout.ShouldStartWith("DOES NOT CONFORM");
        if (shape == AnswerShape.ClosedMidBody) // the status line and part of the body came: not a refused connection
            texts.Where(t => t.StartsWith("answer-received")).ShouldAllBe(t => t.Contains("while reading the body of the 200 answer"));
        NothingThrew(run);
    }

    [Fact]
    public async Task The_issue_case_a_json_array_where_the_error_envelope_was_expected_is_a_failed_message_id_check()
    {
        await using var target = await HostileTarget.StartAsync(AnswerShape.JsonArray);

        var run = await RunAsync(target, ["--timeout", "10s", "--only", "listApplications/notAcceptable/json"]);

        run.Exit.ShouldBe(VerifyCommand.Failed, run.Describe());
        var failed = run.Cases.Single()["checks"]!.AsArray().Single(v => v!["check"]!.GetValue<string>() == "message-id")!;
        failed["outcome"]!.GetValue<string>().ShouldBe("failed");
        failed["reason"]!.GetValue<string>().ShouldStartWith("the body is an array, not the error envelope");
        failed["expected"]!.GetValue<string>().ShouldBe("NOT_ACCEPTABLE");
        failed["received"]!.GetValue<string>().ShouldContain("[{\"applicationId\": 1}");
    }

    [Theory]
    [InlineData(AnswerShape.JsonScalar)]
    [InlineData(AnswerShape.Html)]
    [InlineData(AnswerShape.HugeBody)]
    [InlineData(AnswerShape.ClosedMidBody)]
    [InlineData(AnswerShape.RedirectLoop)]
    [InlineData(AnswerShape.BogusCharset)]
    public async Task A_preflight_answer_of_any_shape_but_refused_or_unreachable_goes_on_to_the_run(AnswerShape shape)
    {
        await using var target = await HostileTarget.StartAsync(_ => shape, sanePreflight: false);

        var run = await RunAsync(target, ["--timeout", "10s", "--only", "listApplications/basic/json"]);

        run.Exit.ShouldBe(VerifyCommand.Failed, run.Describe());
        run.FailureTexts.ShouldContain(t => t.Contains(HostileTarget.Names[shape]), string.Join('\n', run.FailureTexts));
        NothingThrew(run);
    }

    [Fact]
    public async Task A_seeded_mix_of_every_shape_over_the_whole_plan_ends_with_reports_and_no_exception()
    {
        var shapes = Enum.GetValues<AnswerShape>();
        var random = new Random(20);
        var picks = Enumerable.Range(0, 5_000).Select(_ => shapes[random.Next(shapes.Length)]).ToArray();
        await using var target = await HostileTarget.StartAsync(n => picks[n % picks.Length]);

        var run = await RunAsync(target, ["--timeout", "500ms"]);

        run.Exit.ShouldBe(VerifyCommand.Failed, run.Describe());
        target.Served.Count.ShouldBeGreaterThan(shapes.Length / 2, "the mix reached most shapes");
        run.Json["stopped"].ShouldBeNull();
        var plan = (await CommandTests.Run(["--list"])).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        run.Stderr.ShouldContain($"[{plan}/{plan}]", Case.Sensitive, "the run reached its last case");
        NothingThrew(run);
    }

    [Fact]
    public async Task Cancelled_mid_run_the_reports_are_written_for_what_ran_and_the_rest_is_not_run()
    {
        using var cancel = new CancellationTokenSource();
        await using var target = await HostileTarget.StartAsync(AnswerShape.JsonArray);
        target.OnRequest = n =>
        {
            if (n == 12) cancel.Cancel(); // the user presses Ctrl-C while the 12th request is under way
        };

        var run = await RunAsync(target, ["--timeout", "10s", "--only", "*Application*"], cancel.Token);

        run.Exit.ShouldBe(VerifyCommand.Failed, "cases failed before the stop: " + run.Describe());
        var line = run.Stderr.Split('\n').Single(l => l.StartsWith("conformance: stopped after"));
        line.ShouldMatch(@"^conformance: stopped after \d+ of \d+ cases \(cancelled\); reports written\s*$");
        run.Json["stopped"]!.GetValue<string>().ShouldStartWith("stopped after");
        var notRun = run.Cases.Where(c => c["skipReason"]?.GetValue<string>() == "not run: the run was stopped (cancelled)").ToList();
        notRun.ShouldNotBeEmpty();
        run.Json["counts"]!["failed"]!.GetValue<int>().ShouldBeGreaterThan(0, "what ran is reported");
        run.Junit.Descendants("skipped").ShouldContain(s => s.Attribute("message")!.Value == "not run: the run was stopped (cancelled)");
        run.Markdown.ShouldContain("**Run stopped after");
        run.Stdout.ShouldContain("Run stopped after");
        target.Requests.ShouldBeLessThan(20, "nothing is sent after the stop");
    }

    [Fact]
    public async Task A_deadline_that_passes_before_anything_failed_exits_2_with_one_line_and_the_reports()
    {
        // Every request after the preflight hangs: the deadline (1 s, from CONFORMANCE_DEADLINE) passes during the first.
        await using var target = await HostileTarget.StartAsync(AnswerShape.Slow);

        var run = await RunAsync(target, ["--timeout", "60s", "--only", "getApplication/*"], default, ("CONFORMANCE_DEADLINE", "1s"));

        run.Exit.ShouldBe(VerifyCommand.CouldNotRun, run.Describe());
        var lines = run.Stderr.Split('\n').Where(l => l.StartsWith("conformance: stopped")).ToList();
        lines.ShouldBe([$"conformance: stopped after 0 of {run.Cases.Count()} cases (the --deadline of 1 s passed); reports written"]);
        run.Json["counts"]!["failed"]!.GetValue<int>().ShouldBe(0);
        run.Cases.ShouldAllBe(c => c["skipReason"]!.GetValue<string>() == "not run: the run was stopped (the --deadline of 1 s passed)");
        run.Stdout.ShouldStartWith("STOPPED");
    }

    [Fact]
    public async Task A_case_that_throws_fails_alone_with_what_it_threw_and_the_run_goes_on()
    {
        using var runner = new ConformanceRunner(new ConformanceTarget(new Uri("http://127.0.0.1:9/"), TargetKind.External),
            ConformanceSettings.FromEnvironment(_ => null), Contract.ContractDocument.Load(), Profiles.TargetProfile.Load(Profiles.TargetProfile.Seed),
            Planning.RequestGate.Open());
        using var run = new ConformanceRun(runner, Planning.IRunProgress.Silent);
        ConformanceRun.Item[] plan =
        [
            new("thrower", Reports.ConformanceReport.Lifecycle, _ => throw new InvalidOperationException("The node must be of type 'JsonObject'.")),
            new("after", Reports.ConformanceReport.Lifecycle, _ => Task.FromResult<IReadOnlyList<CaseResult>>([new CaseResult("after", "GET /", [])])),
        ];

        var report = await run.RunAsync(plan);

        var failed = report.Section(Reports.ConformanceReport.Lifecycle)["thrower"].Failures.Single();
        failed.Check.ShouldBe(CaseGuard.Check);
        failed.Reason.ShouldBe("could not run the case: InvalidOperationException: The node must be of type 'JsonObject'.");
        report.Section(Reports.ConformanceReport.Lifecycle)["after"].Passed.ShouldBeTrue("the run went on");
        run.Stopped.ShouldBeNull();
    }

    [Fact]
    public void A_check_that_throws_fails_alone_with_the_answer_it_could_not_judge()
    {
        var exchange = new Exchange(new PlannedRequest("GET", "/x", Contract.BodyFormat.Json), 200, "application/json", "[1, 2]", null, TimeSpan.Zero);
        var context = new CheckContext(Contract.ContractDocument.Load().Operation("getApplication"), exchange,
            new Expectation([200], Contract.BodyFormat.Json), ConformanceMode.Strict);

        var verdict = CheckSet.Guarded(new Throwing(), context);

        verdict.Failed.ShouldBeTrue();
        verdict.Check.ShouldBe("throws");
        verdict.Reason.ShouldBe($"{CheckSet.CouldNotJudge}: KeyNotFoundException: no such field");
        verdict.Received.ShouldBe("[1, 2]");
        Should.Throw<OperationCanceledException>(() => CheckSet.Guarded(new Throwing(new OperationCanceledException()), context));
    }

    private sealed class Throwing(Exception? exception = null) : ICheck
    {
        public string Name => "throws";

        public CheckVerdict Run(CheckContext context) => throw exception ?? new KeyNotFoundException("no such field");
    }

    [Theory]
    [InlineData("--deadline", "soon", "is neither seconds nor a time")]
    [InlineData("--deadline", "0", "must be above zero")]
    [InlineData("--timeout", "-1", "must be above zero")]
    public async Task A_deadline_or_timeout_that_does_not_parse_is_one_line_and_exit_2(string flag, string value, string says)
    {
        var outcome = await CommandTests.Run(["--target", "http://127.0.0.1:9", flag, value]);

        outcome.Exit.ShouldBe(VerifyCommand.CouldNotRun);
        outcome.Stderr.Trim().ShouldStartWith("conformance: ");
        outcome.Stderr.ShouldContain(says);
        outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1);
    }
}
