using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Reports;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>How CONFORMANCE_* variables are read, and what the Markdown summary lists.</summary>
public class SettingsAndSummaryTests
{
    private static readonly ContractDocument Contract = ContractDocument.Load();

    private static ConformanceSettings Read(params (string Name, string Value)[] env) =>
        ConformanceSettings.FromEnvironment(n => env.FirstOrDefault(e => e.Name == n).Value);

    [Fact]
    public void Defaults_point_at_the_in_process_mock_strictly_with_the_seed_credentials()
    {
        var settings = Read();
        settings.InProcess.ShouldBeTrue();
        settings.TargetIsOurMock.ShouldBeTrue();
        settings.Mode.ShouldBe(ConformanceMode.Strict);
        settings.Authorization.ShouldBe("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        settings.ReadOnly.ShouldBeFalse();
        settings.Timeout.ShouldBe(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_url_is_an_external_deployment_compared_leniently_unless_told_otherwise()
    {
        var external = Read(("CONFORMANCE_TARGET_URL", "https://xyz.api.infobip.com"));
        external.TargetUrl!.ToString().ShouldBe("https://xyz.api.infobip.com/");
        external.TargetIsOurMock.ShouldBeFalse();
        external.Mode.ShouldBe(ConformanceMode.Lenient);
        Read(("CONFORMANCE_TARGET_URL", "http://127.0.0.1:8080"), ("CONFORMANCE_TARGET_KIND", "mock")).Mode.ShouldBe(ConformanceMode.Strict);
        Read(("CONFORMANCE_TARGET_URL", "https://x"), ("CONFORMANCE_MODE", "strict")).Mode.ShouldBe(ConformanceMode.Strict);
        Read(("CONFORMANCE_READ_ONLY", "true")).ReadOnly.ShouldBeTrue();
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("2.5", 2500)]
    [InlineData("30s", 30000)]
    [InlineData("1m", 60000)]
    public void Timeouts_read_as_seconds_or_durations(string text, int milliseconds) =>
        Read(("CONFORMANCE_TIMEOUT", text)).Timeout.ShouldBe(TimeSpan.FromMilliseconds(milliseconds));

    [Fact]
    public void Bad_values_are_refused_with_the_variable_named()
    {
        Should.Throw<ArgumentException>(() => Read(("CONFORMANCE_MODE", "loose"))).Message.ShouldContain("CONFORMANCE_MODE");
        Should.Throw<ArgumentException>(() => Read(("CONFORMANCE_TIMEOUT", "soon"))).Message.ShouldContain("CONFORMANCE_TIMEOUT");
    }

    [Fact]
    public void The_summary_lists_every_documented_case_with_its_verdict_and_failures_with_expected_and_received()
    {
        var report = new ConformanceReport();
        report.Add(ConformanceReport.Documented, new CaseResult("getApplication/notFound/json", "GET /x",
            [new CheckVerdict("message-id", Outcome.Failed, "messageId NOT_FOUND is not the documented APPLICATION_NOT_FOUND", "APPLICATION_NOT_FOUND", "NOT_FOUND")]));
        report.Add(ConformanceReport.Documented, new CaseResult("listApplications/basic/json", "GET /y", [new CheckVerdict("status", Outcome.Passed, "200")]));
        report.Add(ConformanceReport.Documented, new CaseResult("listApplications/tooManyRequests/json", "(not sent)", [], "needs Prefer"));
        var facts = new MarkdownSummary.RunFacts("https://x/", ConformanceMode.Lenient, false, TimeSpan.FromSeconds(10), "run1", ["tfc-conformance-run1-read"], 8);

        var markdown = MarkdownSummary.Render(report, Contract, facts, new CredentialMask("App k-e-y-1"));

        foreach (var c in Contract.Cases) markdown.ShouldContain($"| `{c.Id}` |");
        markdown.ShouldContain("| `getApplication/notFound/json` | **FAILED** |");
        markdown.ShouldContain("| `listApplications/basic/json` | passed |");
        markdown.ShouldContain("| `listApplications/tooManyRequests/json` | skipped | needs Prefer |");
        markdown.ShouldContain("| `getApplication/basic/json` | not run |");
        markdown.ShouldContain("  - expected: `APPLICATION_NOT_FOUND`\n  - received: `NOT_FOUND`");
        markdown.ShouldContain("Applications created: 1 (budget 8): `tfc-conformance-run1-read`");
    }

    [Fact]
    public void Profile_budgets_and_no_wait_are_read_from_their_variables()
    {
        var settings = Read(("CONFORMANCE_PROFILE", "today"), ("CONFORMANCE_BUDGET", "create=5/1m; get=9/10s"), ("CONFORMANCE_NO_WAIT", "true"));
        settings.Profile.ShouldBe("today");
        settings.BudgetOverrides.ShouldBe(["create=5/1m", "get=9/10s"]);
        settings.NoWait.ShouldBeTrue();
        Read().Profile.ShouldBe("seed");
        Should.Throw<ArgumentException>(() => Read(("CONFORMANCE_NO_WAIT", "perhaps"))).Message.ShouldContain("CONFORMANCE_NO_WAIT");

        var budgets = ConformanceRunner.Budgets(Profiles.TargetProfile.Load("today"), Contract, settings);
        budgets["createApplication"].ShouldBe(new Throttling(5, TimeSpan.FromMinutes(1)));
        budgets["getApplication"].ShouldBe(new Throttling(9, TimeSpan.FromSeconds(10)));
        budgets["updateApplication"].ShouldBe(Contract.Operation("updateApplication").Throttling, "the rest stay the profile's");
    }

    [Fact]
    public void The_summary_separates_failures_accepted_deviations_with_their_reason_and_stale_entries()
    {
        var today = Profiles.TargetProfile.Load("today");
        var report = new ConformanceReport();
        report.Add(ConformanceReport.Documented, new CaseResult("getApplication/notFound/json", "GET /x",
            [new CheckVerdict("message-id", Outcome.Accepted, "generic", "APPLICATION_NOT_FOUND", "NOT_FOUND") { Deviation = "not-found-generic" }]));
        report.Add(ConformanceReport.Documented, new CaseResult("getApplication/basic/json", "GET /y", [new CheckVerdict("schema", Outcome.Failed, "configuration missing")]));
        report.Add(ConformanceReport.Documented, new CaseResult("createApplication/basic/json", "(not sent)", [], "not run: budget (createApplication has used its 20/10m and --no-wait is set)"));
        var facts = new MarkdownSummary.RunFacts("https://x/", ConformanceMode.Lenient, false, TimeSpan.FromSeconds(10), "run1", [], 8) { Profile = today, Throttled = 2 };

        var markdown = MarkdownSummary.Render(report, Contract, facts, new CredentialMask("App k-e-y-1"));

        markdown.ShouldContain("| `getApplication/notFound/json` | passed, deviation accepted | message-id: not-found-generic |");
        markdown.ShouldContain("| `getApplication/basic/json` | **FAILED** |");
        markdown.ShouldContain("| `createApplication/basic/json` | not run | not run: budget");
        markdown.ShouldContain($"| `not-found-generic` | {today.Deviations.Single(d => d.Id == "not-found-generic").Reason.Replace("|", "\\|")} | 1: getApplication/notFound/json |");
        markdown.ShouldContain("- `list-root-application-responses` (xmlRoot):", Case.Sensitive, "an entry never seen is listed as stale");
        markdown.ShouldNotContain("- `not-found-generic` (");
        markdown.ShouldContain("throttled answers (429, backed off and retried): 2");
        markdown.ShouldContain("1 failed, 1 skipped or not run (1 for budget)");
    }
}
