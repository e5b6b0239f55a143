using System.Diagnostics;
using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Planning;
using TwoFactorContracts.ConformanceTests.Profiles;
using TwoFactorContracts.ConformanceTests.Runner;
using TwoFactorContracts.ConformanceTests.Targets;
using TwoFactorContracts.ConformanceTests.Targets.Defects;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.Testing;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>Correct upstreams for the corrupting proxies: our mock in examples mode and in stateful mode.</summary>
public sealed class UpstreamMocks : IAsyncLifetime
{
    public TwoFactorMock Examples { get; private set; } = null!;

    public TwoFactorMock Stateful { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var examples = MockTargets.StartAsync(MockMode.Examples);
        var stateful = MockTargets.StartAsync(MockMode.Stateful);
        Examples = await examples;
        Stateful = await stateful;
    }

    public async Task DisposeAsync()
    {
        await Examples.DisposeAsync();
        await Stateful.DisposeAsync();
    }
}

/// <summary>
/// The suite catches drift: pointed at deliberately wrong targets (one defect each, on loopback), the named check
/// fails on the affected cases with a reason naming the defect, and the run finishes within its time limit. Every
/// planted defect is caught under both shipped profiles: what today's profile accepts is no defect it could hide.
/// These never use CONFORMANCE_* settings: they build their own (and no budgets: the fakes do not throttle).
/// </summary>
public class DriftTests(UpstreamMocks upstream) : IClassFixture<UpstreamMocks>
{
    private static readonly ContractDocument Contract = ContractDocument.Load();
    /// <summary>Generous for the proxies (a busy machine must not turn a defect into a timeout); short for the slow target.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SlowTimeout = TimeSpan.FromMilliseconds(150);

    public static TheoryData<string> Profiles => [TargetProfile.Seed, TargetProfile.Today];

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task A_field_of_the_wrong_type_fails_the_schema_check(string profile)
    {
        var results = await RunThroughProxy(new WrongFieldType("pinAttempts", JsonValue.Create("ten")), profile: profile);

        var failed = ShouldFail(results, "getApplication/basic/json", "schema");
        failed.Reason.ShouldContain("pinAttempts");
        failed.Reason.ShouldContain("IntegerExpected");
        ShouldFail(results, "listApplications/basic/json", "schema").Reason.ShouldContain("pinAttempts");
        results["getApplication/notFound/json"].Passed.ShouldBeTrue("answers without the field stay green");
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task A_missing_field_fails_the_schema_check_in_json_and_xml(string profile)
    {
        var results = await RunThroughProxy(new MissingField("name"), profile: profile);

        foreach (var id in new[] { "createApplication/basic/json", "createApplication/basic/xml", "updateApplication/basic/xml" })
        {
            var failed = ShouldFail(results, id, "schema");
            failed.Reason.ShouldContain("name");
            failed.Reason.ShouldContain("PropertyRequired");
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task A_field_missing_only_on_get_fails_the_get_cases_and_nothing_else(string profile)
    {
        var results = await RunThroughProxy(MissingField.OnGet("configuration"), profile: profile);

        foreach (var id in new[] { "getApplication/basic/json", "getApplication/basic/xml" })
            ShouldFail(results, id, "schema").Reason.ShouldContain("configuration");
        results["createApplication/basic/json"].Passed.ShouldBeTrue(results["createApplication/basic/json"].Describe());
        results["listApplications/basic/json"].Passed.ShouldBeTrue(results["listApplications/basic/json"].Describe());
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task An_update_answered_but_not_stored_fails_the_get_after_it(string profile)
    {
        await using var proxy = await CorruptingProxy.StartAsync(upstream.Stateful.Target.BaseUrl, new UpdateNotStored());
        using var runner = Runner(new ConformanceTarget(proxy.BaseUrl, TargetKind.StatefulMock), profile: profile);

        var steps = (await new Lifecycle(runner).CreateReadUpdateAsync()).ToDictionary(r => r.Id);

        var shown = steps["lifecycle/5 get shows the update"];
        shown.Verdict("configuration")!.Failed.ShouldBeTrue(shown.Describe());
        shown.Verdict("configuration")!.Reason.ShouldContain("pinAttempts: expected 7");
        shown.Verdict("name")!.Failed.ShouldBeTrue(shown.Describe());
        // The update's own answer looked right: only the read after it shows the defect.
        steps["lifecycle/4 update (XML, root ApplicationRequest) answers the new values and keeps the rest"].Verdict("configuration")!.Failed.ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task A_wrong_status_fails_the_status_check_with_expected_and_received(string profile)
    {
        var results = await RunThroughProxy(new WrongStatus("POST", 200, 202), profile: profile);

        var failed = ShouldFail(results, "createApplication/basic/json", "status");
        failed.Reason.ShouldContain("202", Case.Sensitive, failed.Received);
        failed.Expected.ShouldBe("200 or 201");
        failed.Received!.ShouldStartWith("202");
        results["createApplication/missingName/json"].Passed.ShouldBeTrue(results["createApplication/missingName/json"].Describe());
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Json_where_xml_was_asked_fails_the_content_type_check(string profile)
    {
        var results = await RunThroughProxy(new JsonInsteadOfXml(), profile: profile);

        foreach (var id in new[] { "getApplication/basic/xml", "listApplications/basic/xml", "createApplication/missingName/xml" })
        {
            var failed = ShouldFail(results, id, "content-type");
            failed.Expected.ShouldBe("application/xml");
            failed.Received!.ShouldStartWith("application/json");
            ShouldFail(results, id, "schema").Reason.ShouldContain("XML");
        }
        results["getApplication/basic/json"].Passed.ShouldBeTrue(results["getApplication/basic/json"].Describe());
    }

    [Theory]
    [InlineData(ConformanceMode.Strict)]
    [InlineData(ConformanceMode.Lenient)]
    public async Task A_generic_error_id_fails_the_message_id_check_in_both_modes(ConformanceMode mode)
    {
        var results = await RunThroughProxy(new GenericErrorId("APPLICATION_NOT_FOUND", "NOT_FOUND"), mode);

        foreach (var id in new[] { "getApplication/notFound/json", "getApplication/notFound/xml", "updateApplication/notFound/json" })
        {
            var failed = ShouldFail(results, id, "message-id");
            failed.Reason.ShouldBe("messageId NOT_FOUND is not the documented APPLICATION_NOT_FOUND");
            failed.Expected.ShouldBe("APPLICATION_NOT_FOUND");
            failed.Received.ShouldBe("NOT_FOUND");
        }
    }

    [Fact]
    public async Task Under_the_today_profile_a_generic_error_id_is_an_accepted_deviation_with_its_reason()
    {
        await using var proxy = await CorruptingProxy.StartAsync(upstream.Stateful.Target.BaseUrl, new GenericErrorId("APPLICATION_NOT_FOUND", "NOT_FOUND"));
        using var runner = Runner(new ConformanceTarget(proxy.BaseUrl, TargetKind.StatefulMock), profile: TargetProfile.Today);

        var result = await runner.RunAsync(Contract.Cases.Single(c => c.Id == "getApplication/notFound/json"));

        result.Passed.ShouldBeTrue(result.Describe());
        var accepted = result.Verdict("message-id")!;
        accepted.Outcome.ShouldBe(Checks.Outcome.Accepted);
        accepted.Deviation.ShouldBe("not-found-generic");
        accepted.Reason.ShouldContain("generic NOT_FOUND");
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task A_target_that_accepts_a_broken_request_fails_the_negative_case(string profile)
    {
        await using var proxy = await CorruptingProxy.StartAsync(upstream.Stateful.Target.BaseUrl, new WrongStatus("POST", 400, 201));
        using var runner = Runner(new ConformanceTarget(proxy.BaseUrl, TargetKind.StatefulMock), profile: profile);
        var negative = NegativeCases.For(Contract.Operation("createApplication")).First(n => n.Rule == "type" && n.Field == "configuration.pinAttempts");

        var result = await runner.RunAsync(negative);

        result.Verdict("status")!.Failed.ShouldBeTrue(result.Describe());
        result.Verdict("status")!.Reason.ShouldBe("status 201 is not the documented 400");
    }

    [Fact]
    public async Task A_failure_of_a_rule_that_is_our_decision_says_so_in_its_verdict()
    {
        await using var proxy = await CorruptingProxy.StartAsync(upstream.Stateful.Target.BaseUrl, new WrongStatus("POST", 400, 201));
        using var runner = Runner(new ConformanceTarget(proxy.BaseUrl, TargetKind.StatefulMock));
        var negative = NegativeCases.For(Contract.Operation("createApplication")).First(n => n.Field == "configuration.pinAttempts" && n.Rule == "minimum");

        var result = await runner.RunAsync(negative);

        var status = result.Verdict("status")!;
        status.Failed.ShouldBeTrue(result.Describe());
        status.Reason.ShouldContain("our decision", Case.Sensitive, "the seed states no minimum: the verdict must say whose rule it is");
    }

    [Fact]
    public async Task A_slow_target_fails_every_case_by_timeout_and_the_run_stays_within_its_limit()
    {
        await using var slow = await SlowTarget.StartAsync();
        var results = await RunAll(new ConformanceTarget(slow.BaseUrl, TargetKind.External), timeout: SlowTimeout);

        slow.Requests.ShouldBeGreaterThan(0);
        results.Values.Where(r => !r.Skipped).ShouldAllBe(r => !r.Passed);
        foreach (var result in results.Values.Where(r => !r.Skipped))
            result.Failures.First().Reason.ShouldContain("no complete answer within 150 ms", Case.Sensitive, result.Describe());
    }

    [Fact]
    public async Task A_target_that_resets_connections_fails_every_case_with_the_reason()
    {
        await using var resetting = await ResettingTarget.StartAsync();
        var results = await RunAll(new ConformanceTarget(resetting.BaseUrl, TargetKind.External));

        results.Values.Where(r => !r.Skipped).ShouldAllBe(r => !r.Passed);
        ShouldFail(results, "listApplications/basic/json", "answer-received").Reason.ShouldStartWith("connection failed");
        ShouldFail(results, "getApplication/basic/json", "path-id").Reason.ShouldContain("connection failed");
    }

    [Fact]
    public async Task A_target_answering_garbage_fails_the_schema_check()
    {
        await using var garbage = await GarbageTarget.StartAsync();
        var results = await RunAll(new ConformanceTarget(garbage.BaseUrl, TargetKind.External));

        results.Values.Where(r => !r.Skipped).ShouldAllBe(r => !r.Passed);
        ShouldFail(results, "listApplications/basic/json", "schema").Reason.ShouldContain("not JSON");
        ShouldFail(results, "listApplications/basic/xml", "content-type").Received.ShouldBe("application/json");
        ShouldFail(results, "getApplication/basic/json", "path-id").Reason.ShouldContain("no applicationId");
    }

    private async Task<IReadOnlyDictionary<string, CaseResult>> RunThroughProxy(IAnswerDefect defect, ConformanceMode mode = ConformanceMode.Strict, string profile = TargetProfile.Seed)
    {
        await using var proxy = await CorruptingProxy.StartAsync(upstream.Examples.Target.BaseUrl, defect);
        return await RunAll(new ConformanceTarget(proxy.BaseUrl, TargetKind.ExamplesMock), mode, profile: profile);
    }

    /// <summary>
    /// Every documented case, bounded: each case costs at most one request and the chain two creates, so a run may
    /// take (cases + 2) timeouts plus a margin for the machine being busy; a stall beyond that fails the test.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, CaseResult>> RunAll(
        ConformanceTarget target, ConformanceMode mode = ConformanceMode.Strict, TimeSpan? timeout = null, string profile = TargetProfile.Seed)
    {
        using var runner = Runner(target, mode, timeout, profile);
        var cases = Contract.Cases.ToList();
        var limit = (cases.Count + 2) * (timeout ?? Timeout) + TimeSpan.FromSeconds(10);
        var watch = Stopwatch.StartNew();
        var results = await runner.RunAllAsync(cases).WaitAsync(limit);
        watch.Elapsed.ShouldBeLessThan(limit);
        return results.ToDictionary(r => r.Id);
    }

    private static ConformanceRunner Runner(ConformanceTarget target, ConformanceMode mode = ConformanceMode.Strict, TimeSpan? timeout = null,
        string profile = TargetProfile.Seed) =>
        new(target, ConformanceSettings.FromEnvironment(name => name switch
        {
            "CONFORMANCE_TIMEOUT" => $"{(timeout ?? Timeout).TotalMilliseconds}ms",
            "CONFORMANCE_MODE" => mode.ToString().ToLowerInvariant(),
            "CONFORMANCE_RUN_ID" => "drift",
            _ => null,
        }), Contract, TargetProfile.Load(profile), RequestGate.Open());

    private static Checks.CheckVerdict ShouldFail(IReadOnlyDictionary<string, CaseResult> results, string caseId, string check)
    {
        results.ShouldContainKey(caseId);
        var verdict = results[caseId].Verdict(check);
        verdict.ShouldNotBeNull(results[caseId].Describe());
        verdict.Failed.ShouldBeTrue(results[caseId].Describe());
        return verdict;
    }
}
