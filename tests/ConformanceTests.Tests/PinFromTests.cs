using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Command;
using TwoFactorContracts.ConformanceTests.Planning;
using TwoFactorContracts.ConformanceTests.Profiles;
using TwoFactorContracts.ConformanceTests.Runner;
using TwoFactorContracts.ConformanceTests.Runner.Flow;
using TwoFactorContracts.ConformanceTests.Targets;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.Testing;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>
/// Where the right PIN comes from against a target that is not our mock: nowhere (the right-PIN steps are "not run"
/// with the reason, the rest runs), a URL (--pin-from https://…{pinId}…), or a command (--pin-from "cmd", the pinId and
/// recipient as $1 and $2). Our mock stands in for the real deployment, declared external so its outbox is not used
/// by the suite: only the PIN service below reads it, as a person reading their phone would.
/// </summary>
public class PinFromTests : IAsyncLifetime
{
    private static readonly ContractDocument Contract = ContractDocument.Load();
    private TwoFactorMock _mock = null!;
    private LoopbackApp _pinService = null!;
    private readonly ConcurrentQueue<(string PinId, string To)> _asked = new();

    public async Task InitializeAsync()
    {
        _mock = await MockTargets.StartAsync(MockMode.Stateful);
        var outbox = new HttpClient { BaseAddress = _mock.Target.BaseUrl };
        // GET /pin?id=&to= answers the newest PIN of that pinId as text, read from the mock's outbox.
        _pinService = await LoopbackApp.StartAsync(owned: outbox, handler: async context =>
        {
            var id = context.Request.Query["id"].ToString();
            _asked.Enqueue((id, context.Request.Query["to"].ToString()));
            var messages = JsonNode.Parse(await outbox.GetStringAsync($"__admin/mock/outbox?pinId={Uri.EscapeDataString(id)}"))!["messages"]!.AsArray();
            if (messages.Count == 0) { context.Response.StatusCode = StatusCodes.Status404NotFound; return; }
            await context.Response.WriteAsync(messages[^1]!["pin"]!.GetValue<string>());
        });
    }

    public async Task DisposeAsync()
    {
        await _pinService.DisposeAsync();
        await _mock.DisposeAsync();
    }

    [Fact]
    public async Task Without_pin_from_the_right_pin_steps_are_not_run_with_the_reason_and_the_rest_runs()
    {
        var steps = await Journey(pinFrom: null);

        var right = steps.Single(r => r.Id.StartsWith($"{FlowLifecycle.Journey}/8 ", StringComparison.Ordinal));
        right.Skipped.ShouldBeTrue(right.Describe());
        right.SkipReason.ShouldBe(PinSources.NoSourceReason);
        right.SkipReason!.ShouldContain("--pin-from");
        steps.Single(r => r.Id.StartsWith($"{FlowLifecycle.Journey}/7 ", StringComparison.Ordinal)).Passed.ShouldBeTrue("the wrong PIN still runs");
        steps.Single(r => r.Id.StartsWith($"{FlowLifecycle.Journey}/9 ", StringComparison.Ordinal)).Passed.ShouldBeTrue("the status lists it as not verified");
        steps.Where(r => !r.Skipped).ShouldAllBe(r => r.Passed, string.Join("\n", steps.Select(r => r.Describe())));
        _asked.ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_pin_from_against_a_real_deployment_limits_and_unknown_ids_run()
    {
        using var runner = Runner(pinFrom: null);
        using var flow = new FlowLifecycle(runner);

        foreach (var steps in new[] { await flow.LimitsAsync(), await flow.UnknownIdsAsync() })
        {
            steps.Count.ShouldBeGreaterThan(3);
            steps.ShouldAllBe(r => r.Passed, string.Join("\n", steps.Select(r => r.Describe())));
        }
    }

    [Fact]
    public async Task Against_a_real_deployment_expiry_runs_in_real_time_on_a_short_time_to_live_and_a_pin_that_expires_passes()
    {
        // The target's clock and the run's waits are one manual clock: the 3 s wait is real time to the target, not a sleep.
        var clock = new ManualClock();
        await using var target = await MockTargets.StartAsync(clock);
        var steps = await Expiry(target, new RequestGate(new Dictionary<string, Throttling>(), false, clock: clock, delay: clock.Delay));

        steps.ShouldAllBe(r => r.Passed, string.Join("\n", steps.Select(r => r.Describe())));
        steps.Select(r => r.Id).ShouldBe([
            $"{FlowLifecycle.Expiry}/1 update the flow's application: pinTimeToLive {FlowLifecycle.ShortTimeToLive}",
            $"{FlowLifecycle.Expiry}/2 send a PIN over voice",
            $"{FlowLifecycle.Expiry}/3 3 s later after pinTimeToLive the PIN answers TTL_EXPIRED",
            $"{FlowLifecycle.Expiry}/4 put the flow's application back: pinTimeToLive 15m",
        ]);
        steps[2].Verdict("verify-outcome")!.Reason.ShouldBe("verified false, pinError TTL_EXPIRED");
    }

    [Fact]
    public async Task A_target_that_never_expires_a_pin_fails_flow_expiry()
    {
        // The run waits, but the target's clock never moves: to the target the PIN never grows old.
        var clock = new ManualClock();
        await using var target = await MockTargets.StartAsync(clock);
        var steps = await Expiry(target, new RequestGate(new Dictionary<string, Throttling>(), false, delay: (_, _) => Task.CompletedTask));

        var verify = steps.Single(r => r.Id.StartsWith($"{FlowLifecycle.Expiry}/3 ", StringComparison.Ordinal));
        verify.Passed.ShouldBeFalse(verify.Describe());
        verify.Verdict("verify-outcome")!.Received.ShouldBe("verified false, pinError WRONG_PIN");
    }

    [Fact]
    public async Task No_expiry_skips_the_real_time_expiry_with_the_reason()
    {
        using var runner = Runner(pinFrom: null, noExpiry: true);
        using var flow = new FlowLifecycle(runner);

        (await flow.ExpiryAsync()).ShouldHaveSingleItem().SkipReason.ShouldBe("not run: --no-expiry (CONFORMANCE_NO_EXPIRY)");
    }

    private static async Task<IReadOnlyList<CaseResult>> Expiry(TwoFactorMock target, RequestGate gate)
    {
        using var runner = new ConformanceRunner(new ConformanceTarget(target.Target.BaseUrl, TargetKind.External),
            ConformanceSettings.FromEnvironment(name => name == "CONFORMANCE_RUN_ID" ? "expiry" : null), Contract, TargetProfile.Load(TargetProfile.Seed), gate);
        using var flow = new FlowLifecycle(runner);
        return await flow.ExpiryAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_pin_from_url_gets_the_pin_id_and_recipient_filled_in_and_the_right_pin_verifies()
    {
        var steps = await Journey(pinFrom: $"{_pinService.BaseUrl}pin?id={{pinId}}&to={{to}}");

        steps.ShouldAllBe(r => r.Passed, string.Join("\n", steps.Select(r => r.Describe())));
        steps.Single(r => r.Id.StartsWith($"{FlowLifecycle.Journey}/8 ", StringComparison.Ordinal)).Verdict("verify-outcome")!.Reason.ShouldBe("verified true, no pinError");
        var (pinId, to) = _asked.ShouldHaveSingleItem();
        pinId.Length.ShouldBeGreaterThan(0);
        to.ShouldBe(FlowOperations.BasicRequest(new FlowOperations(Contract).SendSms)["to"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_pin_from_command_gets_the_pin_id_and_recipient_as_arguments_and_in_the_environment()
    {
        var steps = await Journey(pinFrom: $"test \"$1\" = \"$PIN_ID\" && curl -sf \"{_pinService.BaseUrl}pin?id=$1&to=$PIN_TO\"");

        steps.ShouldAllBe(r => r.Passed, string.Join("\n", steps.Select(r => r.Describe())));
        steps.Single(r => r.Id.StartsWith($"{FlowLifecycle.Journey}/10 ", StringComparison.Ordinal)).Skipped.ShouldBeFalse();
        _asked.ShouldHaveSingleItem().To.ShouldBe(FlowOperations.BasicRequest(new FlowOperations(Contract).SendSms)["to"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_pin_from_command_that_fails_fails_the_right_pin_step_with_its_message()
    {
        var steps = await Journey(pinFrom: "echo 'no such phone' >&2; exit 3");

        var right = steps.Single(r => r.Id.StartsWith($"{FlowLifecycle.Journey}/8 ", StringComparison.Ordinal));
        right.Passed.ShouldBeFalse(right.Describe());
        right.Verdict("pin-source")!.Reason.ShouldContain("exited 3: no such phone");
    }

    [Fact]
    public async Task A_pin_from_command_printing_a_wrong_pin_fails_the_right_pin_step()
    {
        var steps = await Journey(pinFrom: "echo 00000000");

        var right = steps.Single(r => r.Id.StartsWith($"{FlowLifecycle.Journey}/8 ", StringComparison.Ordinal));
        right.Verdict("verify-outcome")!.Failed.ShouldBeTrue(right.Describe());
    }

    [Fact]
    public async Task The_command_runs_the_journey_against_a_real_deployment_with_and_without_pin_from()
    {
        string[] args = ["--target", _mock.Target.BaseUrl.ToString(), "--target-kind", "external", "--only", "flow/journey"];

        var without = await CommandTests.Run(args);
        without.Exit.ShouldBe(VerifyCommand.Conforms, without.Stderr + without.Stdout);
        without.Stderr.ShouldContain("flow/journey/8 the right PIN verifies: not run: the right PIN is unknown");

        var with = await CommandTests.Run([.. args, "--pin-from", $"curl -sf \"{_pinService.BaseUrl}pin?id=$1\""]);
        with.Exit.ShouldBe(VerifyCommand.Conforms, with.Stderr + with.Stdout);
        with.Stderr.ShouldContain("flow/journey/8 the right PIN verifies: passed");
    }

    [Theory]
    [InlineData("+447700900123")]
    [InlineData("4477009001234567")]
    [InlineData("phone")]
    public async Task A_pin_to_that_is_no_msisdn_is_one_line_and_exit_2(string to)
    {
        var outcome = await CommandTests.Run(["--target", "http://127.0.0.1:9", "--pin-to", to]);
        outcome.Exit.ShouldBe(VerifyCommand.CouldNotRun);
        outcome.Stderr.Trim().ShouldBe($"conformance: --pin-to (CONFORMANCE_PIN_TO) must be a phone number of 1 to 15 digits (MSISDN, no +), not '{to}'.");
    }

    [Fact]
    public async Task Help_says_how_to_read_a_pin()
    {
        var help = (await CommandTests.Run(["--help"])).Stdout;
        help.ShouldContain("--pin-from <url|command>");
        help.ShouldContain("(or CONFORMANCE_PIN_FROM)");
        help.ShouldContain("--pin-to <msisdn>");
    }

    [Theory]
    [InlineData("hello", "hello")]
    [InlineData("  4242\n", "4242")]
    [InlineData("{\"pin\":\"A1B2\"}", "A1B2")]
    [InlineData("{\"messages\":[{\"pinId\":\"P\",\"pin\":\"1111\"},{\"pinId\":\"Q\",\"pin\":\"9\"},{\"pinId\":\"P\",\"pin\":\"2222\"}]}", "2222")]
    public void A_pin_answer_is_text_a_pin_object_or_the_outbox(string answer, string pin) =>
        PinAnswer.Parse(answer, "P", "test").Pin.ShouldBe(pin);

    [Theory]
    [InlineData("", "answered nothing")]
    [InlineData("{\"messages\":[]}", "lists no message for pinId P")]
    [InlineData("{\"code\":1}", "without a pin")]
    [InlineData("<html><body>Not here</body></html>", "not a PIN")]
    public void A_pin_answer_without_a_pin_says_why(string answer, string problem) =>
        PinAnswer.Parse(answer, "P", "test").Problem.ShouldNotBeNull().ShouldContain(problem);

    private async Task<IReadOnlyList<CaseResult>> Journey(string? pinFrom)
    {
        using var runner = Runner(pinFrom);
        using var flow = new FlowLifecycle(runner);
        return await flow.JourneyAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Our mock declared a real deployment (no outbox, no clock), strict so error texts are compared.</summary>
    private ConformanceRunner Runner(string? pinFrom, bool noExpiry = false) =>
        new(new ConformanceTarget(_mock.Target.BaseUrl, TargetKind.External),
            ConformanceSettings.FromEnvironment(name => name switch
            {
                "CONFORMANCE_MODE" => "strict",
                "CONFORMANCE_RUN_ID" => "pin-from",
                "CONFORMANCE_PIN_FROM" => pinFrom,
                "CONFORMANCE_NO_EXPIRY" => noExpiry ? "true" : null,
                _ => null,
            }), Contract, TargetProfile.Load(TargetProfile.Seed), RequestGate.Open());
}
