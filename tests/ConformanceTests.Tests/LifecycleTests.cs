using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Reports;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>
/// Cross-checks between operations: what create answers, get returns and list contains; an update shows in a
/// later get; defaults are filled in; unknown ids and missing credentials give the documented errors.
/// </summary>
[Collection(ConformanceCollection.Name)]
public class LifecycleTests(ConformanceFixture fixture)
{
    private ConformanceRunner Runner => fixture.Primary;
    private ContractDocument Contract => fixture.Contract;

    [WritingFact]
    public async Task Create_fills_in_defaults_get_and_list_agree_an_update_shows_and_a_rejected_one_does_not()
    {
        var create = Contract.Operation("createApplication");
        var get = Contract.Operation("getApplication");
        var list = Contract.Operation("listApplications");
        var update = Contract.Operation("updateApplication");
        var results = new List<CaseResult>();

        // Only a name: every other field must come back with the documented default.
        var sent = new JsonObject { ["name"] = Runner.Budget.NameFor("lifecycle") };
        Runner.Budget.TryReserve().ShouldBeTrue($"the run's create budget ({Runner.Budget.Max}) is used up");
        var created = await Step(results, "lifecycle/1 create with only a name fills in defaults", create,
            new PlannedRequest("POST", create.PathTemplate, BodyFormat.Json, sent.ToJsonString()),
            new Expectation(create.SuccessStatuses.ToList(), BodyFormat.Json)
            {
                Application = RequestBodies.WithDefaults(sent, create.RequestSchema(BodyFormat.Json)),
            });
        var id = created?["applicationId"]?.GetValue<string>();
        id.ShouldNotBeNull(Describe(results));

        await Step(results, "lifecycle/2 get equals what create answered", get,
            new PlannedRequest("GET", get.PathFor(id), BodyFormat.Json),
            new Expectation([200], BodyFormat.Json) { Application = created!.AsObject() });

        await Step(results, "lifecycle/3 list contains the created application", list,
            new PlannedRequest("GET", list.PathTemplate, BodyFormat.Json),
            new Expectation([200], BodyFormat.Json) { ListMembers = [new JsonObject { ["applicationId"] = id, ["name"] = sent["name"]!.DeepClone() }] });

        // 120m reads back as 2h; fields left out keep their values.
        var change = new JsonObject
        {
            ["name"] = Runner.Budget.NameFor("lifecycle-updated"),
            ["enabled"] = false,
            ["configuration"] = new JsonObject { ["pinTimeToLive"] = "120m", ["pinAttempts"] = 7 },
        };
        var afterUpdate = (JsonObject)created.DeepClone();
        afterUpdate["name"] = change["name"]!.DeepClone();
        afterUpdate["enabled"] = false;
        afterUpdate["configuration"]!["pinTimeToLive"] = "120m";
        afterUpdate["configuration"]!["pinAttempts"] = 7;
        // In XML with today's root element (<ApplicationRequest>), which the contract says is read like <request>.
        var xml = XDocument.Parse(RequestBodies.Write(update, change, BodyFormat.Xml));
        xml.Root!.Name = ContractXmlNames.AlternateRequestRoot;
        await Step(results, "lifecycle/4 update (XML, root ApplicationRequest) answers the new values and keeps the rest", update,
            new PlannedRequest("PUT", update.PathFor(id), BodyFormat.Xml, xml.ToString()),
            new Expectation([200], BodyFormat.Xml) { Application = afterUpdate });

        await Step(results, "lifecycle/5 get shows the update", get,
            new PlannedRequest("GET", get.PathFor(id), BodyFormat.Xml),
            new Expectation([200], BodyFormat.Xml) { Application = afterUpdate });

        // A rejected update changes nothing: a new name and time with one broken value, then get still shows step 5.
        var rejected = new JsonObject
        {
            ["name"] = Runner.Budget.NameFor("lifecycle-rejected"),
            ["configuration"] = new JsonObject { ["pinTimeToLive"] = "3h", ["pinAttempts"] = 0 },
        };
        await Step(results, "lifecycle/6 a rejected update answers 400", update,
            new PlannedRequest("PUT", update.PathFor(id), BodyFormat.Json, rejected.ToJsonString()),
            new Expectation([400], BodyFormat.Json));
        await Step(results, "lifecycle/7 get shows nothing of the rejected update", get,
            new PlannedRequest("GET", get.PathFor(id), BodyFormat.Json),
            new Expectation([200], BodyFormat.Json) { Application = afterUpdate });

        results.ShouldAllBe(r => r.Passed, Describe(results));
    }

    [Fact]
    public async Task An_unknown_id_gives_the_documented_404()
    {
        var get = Contract.Operation("getApplication");
        var unknown = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)); // never issued: not a documented id either
        var results = new List<CaseResult>();
        foreach (var format in new[] { BodyFormat.Json, BodyFormat.Xml })
            await Step(results, $"lifecycle/unknown id gives 404 ({format.Suffix()})", get,
                new PlannedRequest("GET", get.PathFor(unknown), format),
                new Expectation([404], format) { Error = DocumentedError(get, 404) });
        results.ShouldAllBe(r => r.Passed, Describe(results));
    }

    [Fact]
    public async Task Missing_credentials_give_the_documented_401_and_change_nothing()
    {
        var results = new List<CaseResult>();
        var list = Contract.Operation("listApplications");
        var create = Contract.Operation("createApplication");
        var body = new JsonObject { ["name"] = Runner.Budget.NameFor("must-not-exist") };
        await Step(results, "lifecycle/no credentials on create gives 401", create,
            new PlannedRequest("POST", create.PathTemplate, BodyFormat.Json, body.ToJsonString(), WithCredentials: false),
            new Expectation([401], BodyFormat.Json) { Error = DocumentedError(create, 401) });
        await Step(results, "lifecycle/no credentials on list gives 401", list,
            new PlannedRequest("GET", list.PathTemplate, BodyFormat.Xml, WithCredentials: false),
            new Expectation([401], BodyFormat.Xml) { Error = DocumentedError(list, 401) });
        var listed = await Runner.SendAsync(list, new PlannedRequest("GET", list.PathTemplate, BodyFormat.Json), null);
        listed.Body.ShouldNotContain(body["name"]!.GetValue<string>(), Case.Sensitive, "a create without credentials must not have created anything");
        results.ShouldAllBe(r => r.Passed, Describe(results));
    }

    /// <summary>Sends one step, judges it with the same checks as every case, records it, and returns the answer's values.</summary>
    private async Task<JsonNode?> Step(List<CaseResult> results, string id, ContractOperation operation, PlannedRequest request, Expectation expected)
    {
        var sentName = request.Body is null ? null
            : request.Format == BodyFormat.Json ? JsonNode.Parse(request.Body)?["name"]?.ToString()
            : XDocument.Parse(request.Body).Root?.Element("name")?.Value;
        var exchange = await Runner.SendAsync(operation, request, sentName);
        var result = Runner.Judge(id, operation, exchange, expected);
        results.Add(result);
        fixture.Report.Add(ConformanceReport.Lifecycle, result);
        return new CheckContext(operation, exchange, expected, Runner.Settings.Mode).Values.Node;
    }

    private static ExpectedError DocumentedError(ContractOperation operation, int status)
    {
        var example = operation.FindResponseExample(status, BodyFormat.Json)!;
        var error = JsonNode.Parse(example.Text)!["requestError"]!["serviceException"]!;
        return new ExpectedError(error["messageId"]!.GetValue<string>(), error["text"]?.GetValue<string>());
    }

    private static string Describe(IEnumerable<CaseResult> results) => string.Join("\n", results.Select(r => r.Describe()));
}
