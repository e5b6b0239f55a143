using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Command;
using TwoFactorContracts.ConformanceTests.Profiles;
using TwoFactorContracts.ConformanceTests.Targets;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>
/// The profiles end to end against our mock answering like today's API and throttling with the contract's budgets
/// in a short window (--flavour today --throttle real/3s): the today profile conforms with every deviation accepted
/// and no request over budget; the seed profile fails and names each difference.
/// </summary>
public class TodayFlavourTests : IDisposable
{
    private const string Window = "3s";
    private static readonly ContractDocument Contract = ContractDocument.Load();
    private readonly string _folder = Directory.CreateTempSubdirectory("tfc-today-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The contract's budgets in the mock's short window (not numbers repeated here).</summary>
    private static string[] ShortBudgets() =>
        [.. Contract.Operations.Where(o => o.Throttling is not null).SelectMany(o => new[] { "--budget", $"{o.OperationId}={o.Throttling!.Requests}/{Window}" })];

    private async Task<(CommandTests.Outcome Outcome, JsonNode Report)> RunAgainstToday(string profile)
    {
        // The mock's window and the run's waits on one manual clock: the waits are real plans, never real sleeps.
        var clock = new ManualClock();
        await using var mock = await MockTargets.StartAsync(clock, "--flavour", "today", "--throttle", $"real/{Window}");
        var json = Path.Combine(_folder, $"{profile}.json");
        var outcome = await CommandTests.Run(["--target", mock.Url, "--target-kind", "mock", "--profile", profile, "--json", json, .. ShortBudgets()], clock);
        return (outcome, JsonNode.Parse(await File.ReadAllTextAsync(json))!);
    }

    [Fact]
    public async Task The_today_profile_conforms_accepts_every_deviation_and_sends_nothing_over_budget()
    {
        var (outcome, report) = await RunAgainstToday(TargetProfile.Today);

        outcome.Exit.ShouldBe(VerifyCommand.Conforms, outcome.Stdout);
        report["counts"]!["failed"]!.GetValue<int>().ShouldBe(0);
        report["counts"]!["notRunForBudget"]!.GetValue<int>().ShouldBe(0, "the run waits for its budget instead");
        report["throttled"]!.GetValue<int>().ShouldBe(0, "a request over budget would have been answered 429");
        var accepted = report["accepted"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).ToList();
        var stale = report["stale"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).ToList();
        // The mock's today flavour follows our decisions (none is accepted as "not followed") and every entry of the
        // profile is a way it answers like today's API: none is stale.
        stale.ShouldBeEmpty();
        // Requests breaking only a rule of ours (pinAttempts' minimum, the email template update's pinLength 0 below our
        // bounds) are not sent, listed under the decision; a template update requires nothing (today's document).
        accepted.ShouldBe([.. TargetProfile.Load(TargetProfile.Today).Deviations.Select(d => d.Id).Except(stale), "pinAttempts-minimum", "pin-length-bounds"],
            ignoreOrder: true);
        outcome.Stderr.ShouldContain("waiting 0:0", Case.Sensitive, "the run had to wait for its budget, with a countdown");
    }

    [Fact]
    public async Task With_the_documented_ten_minute_budgets_on_a_shared_clock_the_run_waits_them_out_and_nothing_is_throttled()
    {
        // The mock enforces the contract's real budgets (--throttle real, 10-minute windows) on the test's clock, and
        // the run's gate waits on the same clock: the real plan, with no real waiting.
        var clock = new ManualClock();
        var started = clock.GetUtcNow();
        await using var mock = await MockTargets.StartAsync(clock, "--flavour", "today", "--throttle", "real");
        var json = Path.Combine(_folder, "real.json");

        var outcome = await CommandTests.Run(["--target", mock.Url, "--profile", TargetProfile.Today, "--json", json], clock);

        outcome.Exit.ShouldBe(VerifyCommand.Conforms, outcome.Stdout);
        var report = JsonNode.Parse(await File.ReadAllTextAsync(json))!;
        report["throttled"]!.GetValue<int>().ShouldBe(0, "no request went beyond a documented budget");
        report["counts"]!["notRunForBudget"]!.GetValue<int>().ShouldBe(0);
        var creates = Contract.Operation("createApplication").Throttling!;
        outcome.Stdout.ShouldContain("Requests sent: createApplication ");
        (clock.GetUtcNow() - started).ShouldBeGreaterThanOrEqualTo(creates.Window, "more creates than one window takes: the run waited");
        outcome.Stderr.ShouldContain($"waiting 9:5", Case.Sensitive, "the wait counts down from about ten minutes");
        outcome.Stderr.ShouldContain($"createApplication budget {creates.Requests}/10m is used up");
    }

    [Fact]
    public async Task The_seed_profile_fails_and_names_each_difference()
    {
        var (outcome, report) = await RunAgainstToday(TargetProfile.Seed);

        outcome.Exit.ShouldBe(VerifyCommand.Failed, outcome.Stdout);
        report["throttled"]!.GetValue<int>().ShouldBe(0);
        var failures = report["cases"]!.AsArray().Where(c => c!["verdict"]!.GetValue<string>() == "failed")
            .SelectMany(c => c!["checks"]!.AsArray().Where(v => v!["outcome"]!.GetValue<string>() == "failed")
                .Select(v => (Case: c["id"]!.GetValue<string>(), Check: v!["check"]!.GetValue<string>(), Reason: v["reason"]!.GetValue<string>())))
            .ToList();
        string Describe() => string.Join("\n", failures);

        failures.ShouldContain(f => f.Case == "getApplication/notFound/json" && f.Check == "message-id" && f.Reason.Contains("NOT_FOUND"), Describe());
        failures.ShouldContain(f => f.Case == "getApplication/notFound/json" && f.Check == "error-text", Describe());
        failures.ShouldContain(f => f.Case == "listApplications/basic/xml" && f.Check == "schema" && f.Reason.Contains("ApplicationResponses"), Describe());
        failures.ShouldContain(f => f.Case == "getApplication/basic/json" && f.Check == "documented-fields" && f.Reason.Contains("processId"), Describe());
        failures.ShouldContain(f => f.Case == "listApplications/basic/json" && f.Check == "list-contains", Describe());
        failures.ShouldContain(f => f.Case.EndsWith("configuration.pinTimeToLive/length-omitted") && f.Check == "status", Describe());
        report["accepted"]!.AsArray().ShouldBeEmpty("the seed profile accepts nothing");
    }
}
