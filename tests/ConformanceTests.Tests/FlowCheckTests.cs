using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>The PIN flow's checks on their own, on answers built from the contract's verify and status examples (JSON and XML).</summary>
public class FlowCheckTests
{
    private static readonly ContractDocument Contract = ContractDocument.Load();
    private static readonly ContractOperation Verify = Contract.Operation("verifyPin");
    private static readonly ContractOperation Status = Contract.Operation("getVerificationStatus");

    private static JsonObject Example(ContractOperation operation, string name) =>
        JsonNode.Parse(operation.FindResponseExample(name, BodyFormat.Json)!.Text)!.AsObject();

    private static CheckContext Context(ContractOperation operation, string body, Expectation expected, BodyFormat format = BodyFormat.Json) =>
        new(operation, new Exchange(new PlannedRequest("POST", "/x", format), 200, format.MediaType(), body, null, TimeSpan.Zero), expected, ConformanceMode.Strict);

    [Theory]
    [InlineData(BodyFormat.Json)]
    [InlineData(BodyFormat.Xml)]
    public void A_wrong_pin_must_lower_attempts_remaining_by_exactly_one(BodyFormat format)
    {
        var answer = Example(Verify, "wrongPin");
        var pinId = answer["pinId"]!.GetValue<string>();
        var left = answer["attemptsRemaining"]!.GetValue<int>();
        string Body(JsonObject values) => format == BodyFormat.Json ? values.ToJsonString() : Xml(Verify, "wrongPin", values);

        var right = new Expectation([200], format).With(new ExpectedVerification(pinId, false, "WRONG_PIN", left, AttemptsBefore: left + 1));
        CheckSet.Named("attempts-decrease").Run(Context(Verify, Body(answer), right, format)).Outcome.ShouldBe(Outcome.Passed);
        CheckSet.Named("verify-outcome").Run(Context(Verify, Body(answer), right, format)).Outcome.ShouldBe(Outcome.Passed);

        var unchanged = new Expectation([200], format).With(new ExpectedVerification(pinId, false, "WRONG_PIN", left, AttemptsBefore: left));
        var failed = CheckSet.Named("attempts-decrease").Run(Context(Verify, Body(answer), unchanged, format));
        failed.Failed.ShouldBeTrue(failed.ToString());
        failed.Reason.ShouldBe($"a wrong PIN left attemptsRemaining at {left}, not one lower than {left}");
        CheckSet.Named("attempts-remaining").Run(Context(Verify, Body(answer), unchanged, format)).Outcome.ShouldBe(Outcome.NotApplicable, "a wrong PIN is attempts-decrease's");
    }

    [Theory]
    [InlineData(BodyFormat.Json)]
    [InlineData(BodyFormat.Xml)]
    public void A_send_outcome_must_carry_the_documented_statuses(BodyFormat format)
    {
        var send = Contract.Operation("sendPinOverSms");
        var notSent = new ExpectedOutcome("destinationNotReachable",
            new Dictionary<string, string> { ["ncStatus"] = "NC_DESTINATION_NOT_REACHABLE", ["smsStatus"] = "MESSAGE_NOT_SENT" });
        string Body(string name) => send.FindResponseExample(name, format)!.Text;
        var expected = new Expectation([200], format).With(notSent);

        CheckSet.Named("send-outcome").Run(Context(send, Body("destinationNotReachable"), expected, format)).Outcome.ShouldBe(Outcome.Passed);
        var delivered = CheckSet.Named("send-outcome").Run(Context(send, Body("basic"), expected, format));
        delivered.Failed.ShouldBeTrue(delivered.ToString());
        delivered.Reason.ShouldBe("ncStatus is NC_DESTINATION_REACHABLE, not the documented outcome destinationNotReachable's NC_DESTINATION_NOT_REACHABLE");
        var unlooked = CheckSet.Named("send-outcome").Run(Context(send, Body("noNumberLookup"), expected, format));
        (unlooked.Expected, unlooked.Received).ShouldBe(("NC_DESTINATION_NOT_REACHABLE", "(missing)"));
        CheckSet.Named("send-outcome").Run(Context(send, Body("basic"), new Expectation([200], format), format)).Outcome
            .ShouldBe(Outcome.NotApplicable, "a send with no outcome expected is not judged by it");
    }

    [Fact]
    public void The_verify_outcome_names_what_was_expected_and_what_came()
    {
        var answer = Example(Verify, "expired");
        var pinId = answer["pinId"]!.GetValue<string>();
        var expectVerified = new Expectation([200], BodyFormat.Json).With(new ExpectedVerification(pinId, true, null, null));

        var verdict = CheckSet.Named("verify-outcome").Run(Context(Verify, answer.ToJsonString(), expectVerified));

        verdict.Failed.ShouldBeTrue();
        verdict.Expected.ShouldBe("verified true, no pinError");
        verdict.Received.ShouldBe("verified false, pinError TTL_EXPIRED");
        // NO_ERROR on success is the same as no pinError (clients see either).
        var success = Example(Verify, "basic");
        success["pinError"] = VerifyAnswerMatchesOutcome.NoError;
        CheckSet.Named("verify-outcome").Run(Context(Verify, success.ToJsonString(), expectVerified)).Outcome.ShouldBe(Outcome.Passed);
    }

    [Fact]
    public void A_verify_answer_about_another_pin_fails_the_pin_id_check()
    {
        var answer = Example(Verify, "wrongPin");
        var verdict = CheckSet.Named("pin-id").Run(Context(Verify, answer.ToJsonString(),
            new Expectation([200], BodyFormat.Json).With(new ExpectedVerification("0000000000000000000000000000000A", false, "WRONG_PIN", null))));
        verdict.Failed.ShouldBeTrue();
        verdict.Received.ShouldBe(answer["pinId"]!.GetValue<string>());
    }

    [Fact]
    public void A_verification_must_be_listed_with_verified_at_no_earlier_than_sent_at()
    {
        var answer = Example(Status, "basic");
        var entry = answer["verifications"]!.AsArray().OfType<JsonObject>().First(v => v["verified"]!.GetValue<bool>());
        var msisdn = entry["msisdn"]!.GetValue<string>();
        var expected = new Expectation([200], BodyFormat.Json).With(new ExpectedVerificationStatus(msisdn, true));
        CheckSet.Named("verification").Run(Context(Status, answer.ToJsonString(), expected)).Outcome.ShouldBe(Outcome.Passed);

        entry["verifiedAt"] = entry["sentAt"]!.GetValue<long>() - 1;
        var early = CheckSet.Named("verification").Run(Context(Status, answer.ToJsonString(), expected));
        early.Failed.ShouldBeTrue();
        early.Reason.ShouldContain("is not at or after sentAt");
        CheckSet.Named("verification").Run(Context(Status, answer.ToJsonString(), expected.With(new ExpectedVerificationStatus("999", true))))
            .Reason.ShouldBe("no verification of 999 is listed");
    }

    /// <summary>The values written as the contract's XML for that answer (the documented XML example's shape).</summary>
    private static string Xml(ContractOperation operation, string name, JsonObject values)
    {
        var documented = System.Xml.Linq.XDocument.Parse(operation.FindResponseExample(name, BodyFormat.Xml)!.Text);
        foreach (var element in documented.Root!.Elements())
            if (values[element.Name.LocalName] is JsonValue v) element.Value = v.ToString();
        return documented.ToString();
    }
}
