using System.Text;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Reports;
using TwoFactorContracts.ConformanceTests.Runner;
using TwoFactorContracts.ConformanceTests.Targets;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>Safe on a real deployment: credentials never printed, creates bounded and recognisably named.</summary>
public class SafetyTests
{
    private static readonly ContractDocument Contract = ContractDocument.Load();

    [Theory]
    [InlineData("App 0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef")]
    [InlineData("Bearer eyJhbGciOi.payload.sig", "eyJhbGciOi.payload.sig")]
    [InlineData("IBSSO 2f9b4c1e-token", "2f9b4c1e-token")]
    public void Tokens_are_masked(string authorization, string secret)
    {
        var masked = new CredentialMask(authorization).Apply($"sent {authorization}; token {secret}.");
        masked.ShouldNotContain(secret);
        masked.ShouldBe("sent ***; token ***.");
    }

    [Fact]
    public void Basic_credentials_are_masked_encoded_and_decoded()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("qa-user:s3cret-pass"));
        var mask = new CredentialMask($"Basic {encoded}");
        var masked = mask.Apply($"Basic {encoded} | {encoded} | qa-user:s3cret-pass | s3cret-pass");
        masked.ShouldNotContain(encoded);
        masked.ShouldNotContain("s3cret-pass");
    }

    [Fact]
    public void A_verdict_and_the_summary_never_carry_the_credential_even_when_the_target_echoes_it()
    {
        const string auth = "App very-secret-key-1234";
        var settings = ConformanceSettings.FromEnvironment(n => n == "CONFORMANCE_AUTH" ? auth : null);
        using var runner = new ConformanceRunner(new ConformanceTarget(new Uri("http://127.0.0.1:9/"), TargetKind.External), settings, Contract);
        var get = Contract.Operation("getApplication");
        var echoed = $"{{\"requestError\":{{\"serviceException\":{{\"messageId\":\"UNAUTHORIZED\",\"text\":\"bad key {auth}\"}}}}}}";
        var exchange = new Exchange(new PlannedRequest("GET", "/2fa/2/applications/x", BodyFormat.Json), 500, "text/plain", echoed, null, TimeSpan.Zero);
        var result = runner.Judge("echo", get, exchange, new Checks.Expectation([200], BodyFormat.Json));

        result.Passed.ShouldBeFalse();
        result.Describe().ShouldNotContain("very-secret-key-1234");
        result.Describe().ShouldContain("***");
        var report = new ConformanceReport();
        report.Add(ConformanceReport.Documented, result with { Id = "getApplication/basic/json" });
        var facts = new MarkdownSummary.RunFacts($"https://x/?key={auth}", ConformanceMode.Lenient, false, TimeSpan.FromSeconds(1), "r", [], 8);
        MarkdownSummary.Render(report, Contract, facts, runner.Mask).ShouldNotContain("very-secret-key-1234");
    }

    [Fact]
    public void Creates_are_named_by_run_and_bounded_by_the_budget()
    {
        var budget = new CreateBudget("20261127-ab12", maxCreates: 2);
        budget.NameFor("read").ShouldBe("tfc-conformance-20261127-ab12-read");
        budget.TryReserve().ShouldBeTrue();
        budget.TryReserve().ShouldBeTrue();
        budget.TryReserve().ShouldBeFalse();
    }

    [Fact]
    public async Task An_exhausted_budget_stops_the_chain_from_creating()
    {
        var settings = ConformanceSettings.FromEnvironment(n => n == "CONFORMANCE_MAX_CREATES" ? "0" : null);
        // Port 9 (discard) on loopback: nothing may be sent at all, so nothing needs to listen.
        using var runner = new ConformanceRunner(new ConformanceTarget(new Uri("http://127.0.0.1:9/"), TargetKind.External), settings, Contract);
        var result = await runner.RunAsync(Contract.Cases.Single(c => c.Id == "getApplication/basic/json"));
        result.Verdict("path-id")!.Reason.ShouldContain("budget of 0 creates");
        runner.Budget.Created.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_read_only_run_creates_nothing_and_skips_what_writes()
    {
        await using var mock = await MockTargets.StartAsync(MockServer.MockMode.Stateful);
        var settings = ConformanceSettings.FromEnvironment(n => n == "CONFORMANCE_READ_ONLY" ? "true" : null);
        using var runner = new ConformanceRunner(mock.Target with { Kind = TargetKind.External }, settings, Contract);

        var results = await runner.RunAllAsync(Contract.Cases);

        runner.Budget.Created.ShouldBeEmpty();
        results.Where(r => !r.Skipped).ShouldAllBe(r => r.Passed, string.Join("\n", results.Where(r => !r.Passed && !r.Skipped).Select(r => r.Describe())));
        results.Single(r => r.Id == "createApplication/basic/json").SkipReason.ShouldBe("it writes, and CONFORMANCE_READ_ONLY=true");
        results.Single(r => r.Id == "updateApplication/unauthorized/json").Passed.ShouldBeTrue("a PUT without credentials cannot write");
        (await runner.RunAsync(NegativeCases.For(Contract)[0])).Skipped.ShouldBeTrue();
    }
}
