using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>Each check on its own, on answers built from the contract's examples: passes the right one, names the defect otherwise.</summary>
public class CheckTests
{
    private static readonly ContractDocument Contract = ContractDocument.Load();
    private static readonly ContractOperation Get = Contract.Operation("getApplication");

    private static string Example(int status, BodyFormat format) => Get.FindResponseExample(status, format)!.Text;

    private static CheckContext Context(int status, string body, Expectation expected, string contentType = "application/json; charset=utf-8",
        ConformanceMode mode = ConformanceMode.Strict) =>
        new(Get, new Exchange(new PlannedRequest("GET", "/x", expected.Format), status, contentType, body, null, TimeSpan.Zero), expected, mode);

    [Theory]
    [InlineData("120m", "2h", true)]
    [InlineData("1h", "60m", true)]
    [InlineData("1/3s", "1/3000ms", true)]
    [InlineData("2h", "3h", false)]
    [InlineData("10000/1d", "10000/2d", false)]
    [InlineData("15m", "15 minutes", false)]
    public void Configuration_times_and_limits_compare_by_duration(string expected, string received, bool same)
    {
        var body = JsonNode.Parse(Example(200, BodyFormat.Json))!;
        body["configuration"]!["pinTimeToLive"] = received;
        var wanted = new JsonObject { ["configuration"] = new JsonObject { ["pinTimeToLive"] = expected } };
        var verdict = CheckSet.Named("configuration").Run(Context(200, body.ToJsonString(), new Expectation([200], BodyFormat.Json).With(new ExpectedApplication(wanted))));
        verdict.Failed.ShouldBe(!same, verdict.ToString());
        if (!same) verdict.Reason.ShouldBe($"configuration differs: pinTimeToLive: expected {expected}, received {received}");
    }

    [Fact]
    public void Error_text_is_compared_exactly_in_strict_mode_only()
    {
        var body = Example(404, BodyFormat.Json).Replace("Application with given id cannot be found.", "Not found");
        var expected = new Expectation([404], BodyFormat.Json).With(new ExpectedError("APPLICATION_NOT_FOUND", "Application with given id cannot be found."));

        var strict = CheckSet.Named("error-text").Run(Context(404, body, expected));
        strict.Failed.ShouldBeTrue();
        strict.Expected.ShouldBe("Application with given id cannot be found.");
        strict.Received.ShouldBe("Not found");
        CheckSet.Named("error-text").Run(Context(404, body, expected, mode: ConformanceMode.Lenient)).Outcome.ShouldBe(Outcome.NotApplicable);
        CheckSet.Named("message-id").Run(Context(404, body, expected, mode: ConformanceMode.Lenient)).Outcome.ShouldBe(Outcome.Passed);
    }

    [Theory]
    [InlineData("application/xml", true)]
    [InlineData("application/xml; charset=utf-8", true)]
    [InlineData("application/json", false)]
    [InlineData("text/plain", false)]
    public void Content_type_is_the_negotiated_one_whatever_its_parameters(string contentType, bool ok)
    {
        var verdict = CheckSet.Named("content-type").Run(Context(200, Example(200, BodyFormat.Xml), new Expectation([200], BodyFormat.Xml), contentType));
        verdict.Failed.ShouldBe(!ok, verdict.ToString());
    }

    [Fact]
    public void Xml_bodies_are_validated_through_the_contracts_xml_names()
    {
        var xml = Example(200, BodyFormat.Xml);
        var expected = new Expectation([200], BodyFormat.Xml);
        CheckSet.Named("schema").Run(Context(200, xml, expected, "application/xml")).Outcome.ShouldBe(Outcome.Passed);
        var renamed = CheckSet.Named("schema").Run(Context(200, xml.Replace("ApplicationResponse>", "Application>"), expected, "application/xml"));
        renamed.Failed.ShouldBeTrue();
        renamed.Reason.ShouldContain("<ApplicationResponse>");
        var wrongType = CheckSet.Named("schema").Run(Context(200, xml.Replace("<pinAttempts>10<", "<pinAttempts>ten<"), expected, "application/xml"));
        wrongType.Reason.ShouldContain("pinAttempts");
    }

    [Fact]
    public void A_list_without_an_expected_application_names_it()
    {
        var list = Contract.Operation("listApplications");
        var body = list.FindResponseExample(200, BodyFormat.Json)!.Text;
        var expected = new Expectation([200], BodyFormat.Json).With(new ExpectedListMembers([new JsonObject { ["applicationId"] = "ABC", ["name"] = "tfc-x" }]));
        var context = new CheckContext(list, new Exchange(new PlannedRequest("GET", "/", BodyFormat.Json), 200, "application/json", body, null, TimeSpan.Zero), expected, ConformanceMode.Strict);
        var verdict = CheckSet.Named("list-contains").Run(context);
        verdict.Failed.ShouldBeTrue();
        verdict.Reason.ShouldBe("the list lacks ABC (tfc-x)");
    }

    [Fact]
    public void The_exact_example_check_names_the_first_difference()
    {
        var documented = JsonNode.Parse(Example(200, BodyFormat.Json))!;
        var body = documented.DeepClone();
        body["configuration"]!["verifyPinLimit"] = "2/3s";
        var verdict = CheckSet.Named("exact-example").Run(Context(200, body.ToJsonString(), new Expectation([200], BodyFormat.Json).With(new ExpectedExample(documented))));
        verdict.Reason.ShouldBe("the body is not the documented example: configuration.verifyPinLimit is 2/3s, expected 1/3s");
    }

    [Fact]
    public void No_answer_stops_the_other_checks()
    {
        var exchange = new Exchange(new PlannedRequest("GET", "/x", BodyFormat.Json), null, null, "", "connection failed: reset", TimeSpan.Zero);
        var verdicts = CheckSet.Run(new CheckContext(Get, exchange, new Expectation([200], BodyFormat.Json), ConformanceMode.Strict));
        verdicts.Count.ShouldBe(1);
        verdicts[0].Check.ShouldBe("answer-received");
        verdicts[0].Reason.ShouldBe("connection failed: reset");
    }

    [Theory]
    [InlineData("2h", "2h")]
    [InlineData("120m", "2h")]
    [InlineData("90m", "90m")]
    [InlineData("1500ms", "1500ms")]
    [InlineData("60s", "1m")]
    [InlineData("10000/24h", "10000/1d")]
    [InlineData("1/3s", "1/3s")]
    public void Times_are_normalised_to_their_largest_whole_unit(string text, string normalised) =>
        Durations.Normalised(text).ShouldBe(normalised);

    [Fact]
    public void An_application_answer_with_a_time_not_in_its_largest_unit_fails()
    {
        var body = JsonNode.Parse(Example(200, BodyFormat.Json))!;
        body["configuration"]!["pinTimeToLive"] = "120m";
        var expected = new Expectation([200], BodyFormat.Json).With(new ExpectedApplication(new JsonObject()));
        var verdict = CheckSet.Named("normalised-times").Run(Context(200, body.ToJsonString(), expected));
        verdict.Failed.ShouldBeTrue();
        verdict.Reason.ShouldStartWith("times not in their largest whole unit: pinTimeToLive 120m (reads 2h)");
        verdict.Reason.ShouldContain("our decision", Case.Sensitive, "a check built on our own decision says so");
        CheckSet.Named("normalised-times").Run(Context(200, Example(200, BodyFormat.Json), expected)).Outcome.ShouldBe(Outcome.Passed);
    }

    [Fact]
    public void A_profile_relaxing_our_decision_accepts_other_units_with_its_reason()
    {
        var body = JsonNode.Parse(Example(200, BodyFormat.Json))!;
        body["configuration"]!["pinTimeToLive"] = "120m";
        var expected = new Expectation([200], BodyFormat.Json).With(new ExpectedApplication(new JsonObject()));
        var today = Profiles.TargetProfile.Load("today");
        var verdict = CheckSet.Named("normalised-times").Run(new CheckContext(Get,
            new Exchange(new PlannedRequest("GET", "/x", BodyFormat.Json), 200, "application/json", body.ToJsonString(), null, TimeSpan.Zero),
            expected, ConformanceMode.Strict, today));
        verdict.Outcome.ShouldBe(Outcome.Accepted);
        verdict.Deviation.ShouldBe("times-largest-unit");
        verdict.Reason.ShouldContain("pinTimeToLive 120m");
    }

    [Fact]
    public void A_check_runs_only_when_the_expectation_carries_what_it_needs()
    {
        var bare = CheckSet.Run(Context(200, Example(200, BodyFormat.Json), new Expectation([200], BodyFormat.Json)));
        bare.Where(v => v.Outcome != Outcome.NotApplicable).Select(v => v.Check)
            .ShouldBe(["answer-received", "status", "content-type", "schema", "documented-fields"], ignoreOrder: true);

        var named = CheckSet.Run(Context(200, Example(200, BodyFormat.Json),
            new Expectation([200], BodyFormat.Json).With(new ExpectedApplication(new JsonObject { ["name"] = "x" }))));
        named.Single(v => v.Check == "name").Failed.ShouldBeTrue("the name is expected");
        named.Single(v => v.Check == "enabled").Outcome.ShouldBe(Outcome.NotApplicable, "no enabled value is expected");
        named.Single(v => v.Check == "normalised-times").Outcome.ShouldBe(Outcome.Passed, "an application is expected");
    }
}
